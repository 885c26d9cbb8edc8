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
