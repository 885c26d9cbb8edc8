using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Options;
using Pint.Engine.Dhcp.Protocol;
using ProtocolBoot = Pint.Engine.Dhcp.Protocol.DhcpBoot;
using ProtocolRange = Pint.Engine.Dhcp.Protocol.DhcpRange;

namespace Pint.Engine.Dhcp;

/// <summary>
/// dnsmasq's DHCP options as DHCP server options, with findings. Option values are encoded by option type here, so a
/// value that does not encode is an error naming its line before anything starts, as dnsmasq refuses such a config.
/// The one step start, reload and <c>Test-PintConfig</c> all take.
/// </summary>
public static class DhcpSetup
{
    /// <summary>
    /// An encap:, vendor: or vi-encap: line as a sub-option. The sub-option's number says nothing of its type, so its
    /// value is encoded by its form (number, address, hex, text), as dnsmasq does.
    /// </summary>
    private static DhcpEncapsulatedOption? Encapsulated(DhcpOptionEntry o, string option, DiagnosticSeverity severity, string skipped, List<ConfigDiagnostic> diagnostics)
    {
        if (o.Number is < 1 or > 254)
        {
            diagnostics.Add(new ConfigDiagnostic(o.Source, option, severity, $"sub-option {o.Number} out of range: expected 1 to 254{skipped}"));
            return null;
        }
        if (!DhcpOptionEncoder.TryEncodeUntyped(o.Values, out var bytes, out var error))
        {
            diagnostics.Add(new ConfigDiagnostic(o.Source, option, severity, $"sub-option {o.Number}: {error}{skipped}"));
            return null;
        }
        if (bytes.Length > 250)
        {
            diagnostics.Add(new ConfigDiagnostic(o.Source, option, severity, $"sub-option {o.Number}: value is {bytes.Length} bytes; at most 250 fit{skipped}"));
            return null;
        }
        byte container = o.VendorEncapsulation is not null ? DhcpEncapsulatedOption.VendorIdentifying
            : o.Encapsulation is { } n ? (byte)n : DhcpEncapsulatedOption.VendorSpecific;
        return new DhcpEncapsulatedOption(container, (byte)o.Number, bytes, o.Tags.Count > 0 ? o.Tags : null, o.VendorClass,
            o.VendorEncapsulation is { } e ? (uint)e : null, o.Force);
    }

    public static SetupResult<DhcpServerOptions> Build(PintConfig config, SystemFacts? system = null)
    {
        var dhcp = config.Dhcp;
        var diagnostics = new List<ConfigDiagnostic>();
        var ethers = dhcp.ReadEthers && (system ?? SystemFacts.Live).EthersFile is { } ethersFile ? ReadEthers(ethersFile, diagnostics) : [];
        var settings = new List<DhcpOptionSetting>();
        var encapsulated = new List<DhcpEncapsulatedOption>();
        foreach (var (o, fromFile) in dhcp.Options.Select(o => (o, false)).Concat(dhcp.OptsFileOptions.Select(o => (o, true))))
        {
            // A dhcp-optsfile is data a tool rewrites while serving: a line that does not encode is skipped, not fatal.
            var severity = fromFile ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            var skipped = severity == DiagnosticSeverity.Warning ? "; line skipped" : "";
            var option = o.Force ? "dhcp-option-force" : "dhcp-option";
            if (o.Encapsulation is not null || o.VendorEncapsulation is not null || o.VendorClass is not null)
            {
                if (Encapsulated(o, option, severity, skipped, diagnostics) is { } sub) encapsulated.Add(sub);
                continue;
            }
            if (o.Number is < 1 or > 254)
            {
                diagnostics.Add(new ConfigDiagnostic(o.Source, option, DiagnosticSeverity.Warning, $"option {o.Number} is not supported; line ignored"));
                continue;
            }
            if (!DhcpOptionEncoder.TryEncode(o.Number, o.Values, out var bytes, out var error))
            {
                diagnostics.Add(new ConfigDiagnostic(o.Source, option, severity, $"option {o.Number}: {error}{skipped}"));
                continue;
            }
            if (bytes.Length > 255)
            {
                diagnostics.Add(new ConfigDiagnostic(o.Source, option, severity, $"option {o.Number}: value is {bytes.Length} bytes; at most 255 fit{skipped}"));
                continue;
            }
            settings.Add(new DhcpOptionSetting((byte)o.Number, bytes, o.Tags.Count > 0 ? o.Tags : null, o.Force));
        }

        var matches = new List<DhcpMatchRule>();
        foreach (var m in dhcp.Matches)
        {
            if (m.VendorEncapsulation is not null || m.OptionNumber is < 1 or > 254)
            {
                diagnostics.Add(new ConfigDiagnostic(m.Source, "dhcp-match", DiagnosticSeverity.Warning, "this form is not supported yet; line ignored"));
                continue;
            }
            byte?[]? pattern = null;
            if (m.Text && m.Value is not null)
                pattern = System.Text.Encoding.UTF8.GetBytes(m.Value).Select(b => (byte?)b).ToArray();
            else if (m.Value is not null && !DhcpOptionEncoder.TryEncodePattern(m.Value, out pattern, out var error))
            {
                diagnostics.Add(new ConfigDiagnostic(m.Source, "dhcp-match", DiagnosticSeverity.Error, error!));
                continue;
            }
            matches.Add(new DhcpMatchRule(m.SetTag, (byte)m.OptionNumber, pattern));
        }

        foreach (var b in dhcp.Boots.Where(b => b.ServerAddressName is not null))
            diagnostics.Add(new ConfigDiagnostic(b.Source, "dhcp-boot", DiagnosticSeverity.Warning, $"a server given by name ({b.ServerAddressName}) is not resolved yet; next-server is this host"));

        CheckFailovers(dhcp, diagnostics);

        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return new SetupResult<DhcpServerOptions>(null, diagnostics);
        var options = new DhcpServerOptions
        {
            Ranges = dhcp.Ranges.Select(r => new ProtocolRange(r.Start, r.End, r.Netmask, r.Broadcast, r.LeaseTime, r.IsStatic, r.SetTag, r.Tags.Count > 0 ? r.Tags : null)).ToList(),
            Hosts = dhcp.Hosts.Concat(dhcp.HostsFileHosts).Concat(ethers).Select(h => new DhcpHostReservation(h.HardwareAddresses, ClientIdText(h.ClientId), h.Address, h.HostName, h.LeaseTime, h.Ignore, h.SetTags.Count > 0 ? h.SetTags : null)).ToList(),
            Options = settings,
            EncapsulatedOptions = encapsulated,
            Matches = matches,
            TagIfs = dhcp.TagIfs.Select(t => new DhcpTagIf(t.SetTags, t.IfTags)).ToList(),
            Boots = dhcp.Boots.Select(b => new ProtocolBoot(b.FileName, b.ServerName, b.ServerAddress, b.Tags.Count > 0 ? b.Tags : null)).ToList(),
            Authoritative = dhcp.Authoritative,
            IgnoreNames = dhcp.IgnoreNames,
            NameMatches = dhcp.NameMatches.Select(m => new DhcpNameMatchRule(m.SetTag, m.Name, m.Prefix)).ToList(),
            MacMatches = dhcp.MacMatches.Select(m => (m.SetTag, m.Pattern)).ToList(),
            IgnoreTags = dhcp.Ignore,
            BroadcastTags = dhcp.Broadcast,
            NoDhcpInterfaces = dhcp.NoDhcpInterfaces,
            RapidCommit = dhcp.RapidCommit,
            GenerateNames = dhcp.GenerateNames,
            SequentialAddresses = dhcp.SequentialIp,
            IgnoreClientId = dhcp.IgnoreClientId,
            ServerPort = dhcp.AlternatePorts?.Server ?? DhcpServerOptions.DefaultServerPort,
            RelayPort = dhcp.AlternatePorts?.Server ?? DhcpServerOptions.DefaultServerPort,
            ClientPort = dhcp.AlternatePorts?.Client ?? 68,
            Ping = !dhcp.NoPing,
            LeaseMax = dhcp.LeaseMax,
            Domain = config.Dns.Domains.FirstOrDefault(d => d.Subnet is null)?.Name,
            DnsEnabled = config.Dns.Port != 0,
            LeaseScript = dhcp.Script,
            LeaseScriptUser = dhcp.ScriptUser,
            LogDhcp = dhcp.LogDhcp,
        };
        return new SetupResult<DhcpServerOptions>(options, diagnostics);
    }

    /// <summary>
    /// pint-dhcp-failover lines against the rest of the config: a relationship shares leases through the database, so
    /// it needs pint-lease-store=postgresql; each scope= must be the network address of a configured IPv4 dhcp-range
    /// (Windows' -ScopeId); the partner cannot be this server. Each finding is an error naming the failover's line.
    /// </summary>
    private static void CheckFailovers(DhcpConfig dhcp, List<ConfigDiagnostic> diagnostics)
    {
        const string option = "pint-dhcp-failover";
        foreach (var f in dhcp.Failovers)
        {
            if (dhcp.LeaseStore.Kind != LeaseStoreKind.PostgreSql)
                diagnostics.Add(new ConfigDiagnostic(f.Source, option, DiagnosticSeverity.Error,
                    $"failover '{f.Name}' needs the shared lease database: add pint-lease-store=postgresql,CONNECTION-STRING (Set-PintLeaseStore -PostgreSql)"));
            if (dhcp.ServerId is { } self && string.Equals(self, f.Settings.PartnerServerId, StringComparison.OrdinalIgnoreCase))
                diagnostics.Add(new ConfigDiagnostic(f.Source, option, DiagnosticSeverity.Error,
                    $"failover '{f.Name}' names this server ({self}, pint-server-id) as its own partner"));
            foreach (var scope in f.ScopeIds.Where(s => !dhcp.Ranges.Any(r => IsScopeOf(r, s))))
            {
                var known = dhcp.Ranges.Where(r => r.Netmask is not null && r.Start.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    .Select(r => Pint.Engine.Management.DhcpRangeCatalog.Network(r.Start, r.Netmask!).ToString()).Distinct().ToList();
                diagnostics.Add(new ConfigDiagnostic(f.Source, option, DiagnosticSeverity.Error,
                    $"failover '{f.Name}': scope={scope} is not the network address of a configured IPv4 dhcp-range" +
                    (known.Count > 0 ? $" (the ranges' networks: {string.Join(", ", known)})" : "")));
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="scope"/> is the network of <paramref name="range"/>: by its netmask, or, for a range
    /// whose mask comes from the interface at run time, by any prefix (/8 to /30) that holds the whole range.
    /// </summary>
    private static bool IsScopeOf(Config.DhcpRange range, System.Net.IPAddress scope)
    {
        if (range.Start.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        if (range.Netmask is { } mask) return Pint.Engine.Management.DhcpRangeCatalog.Network(range.Start, mask).Equals(scope);
        for (int prefix = 8; prefix <= 30; prefix++)
        {
            var bytes = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, uint.MaxValue << (32 - prefix));
            var m = new System.Net.IPAddress(bytes);
            var network = Pint.Engine.Management.DhcpRangeCatalog.Network(range.Start, m);
            if (network.Equals(scope) && Pint.Engine.Management.DhcpRangeCatalog.Network(range.End, m).Equals(scope)) return true;
        }
        return false;
    }

    /// <summary>
    /// /etc/ethers: a hardware address and an IPv4 address or a host name a line, # comments; each line is what the
    /// dhcp-host line with the same two fields is, as dnsmasq reads it. A bad line is a warning naming file and line.
    /// </summary>
    private static List<DhcpHost> ReadEthers(string path, List<ConfigDiagnostic> diagnostics)
    {
        var hosts = new List<DhcpHost>();
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new ConfigDiagnostic(path, 0, "read-ethers", DiagnosticSeverity.Warning, $"cannot read the ethers file: {e.Message}"));
            return hosts;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            var hash = text.IndexOf('#');
            if (hash >= 0) text = text[..hash];
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            var source = new ConfigSource(path, i + 1);
            // IPv6 addresses are not read from ethers, as dnsmasq says.
            if (fields.Length != 2 || !IsEthersAddress(fields[0]) || fields[1].Contains(':'))
            {
                diagnostics.Add(new ConfigDiagnostic(source, "read-ethers", DiagnosticSeverity.Warning, "expected a hardware address and an IPv4 address or host name; line skipped"));
                continue;
            }
            var mac = string.Join(':', fields[0].Split(':').Select(g => g.PadLeft(2, '0')));
            if (DhcpHostValue.Parse($"{mac},{fields[1]}", source, out var problem) is { } host) hosts.Add(host);
            else diagnostics.Add(new ConfigDiagnostic(source, "read-ethers", DiagnosticSeverity.Warning, $"{problem}; line skipped"));
        }
        return hosts;
    }

    /// <summary>ethers(5) writes six groups of one or two hex digits (8:0:20:1:fc:76).</summary>
    private static bool IsEthersAddress(string text)
    {
        var groups = text.Split(':');
        return groups.Length == 6 && groups.All(g => g.Length is 1 or 2 && g.All(Uri.IsHexDigit));
    }

    /// <summary>
    /// dhcp-host's <c>id:</c> as the colon-hex text requests carry: hex stays hex, other text is its bytes
    /// (dnsmasq takes either); <c>id:*</c> means "ignore the client id", i.e. match by MAC.
    /// </summary>
    private static string? ClientIdText(string? id)
    {
        if (id is null || id == "*") return null;
        return HexText.TryParse(id, out var bytes) && bytes.Length > 0 ? HexText.Format(bytes) : HexText.Format(Encoding.UTF8.GetBytes(id));
    }
}
