using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Net;

namespace Pint.Engine.Dns;

/// <summary>
/// dnsmasq's DNS options as DNS server options: the config plus what the machine says (its hosts file, resolv.conf,
/// interfaces) in, options and findings out. Pure apart from reading the files <see cref="SystemFacts"/> names, and
/// the one step start, reload and <c>Test-PintConfig</c> all take, so each reports the same problems.
/// </summary>
public static class DnsSetup
{
    public static SetupResult<DnsServerOptions> Build(PintConfig config, SystemFacts system, string workingDirectory)
    {
        var dns = config.Dns;
        var diagnostics = new List<ConfigDiagnostic>();
        var servers = new List<ForwardServer>();
        foreach (var s in dns.Servers)
        {
            switch (s.Kind)
            {
                case DnsServerKind.Upstream when s.Address is not null:
                    servers.Add(new ForwardServer(new IPEndPoint(s.Address, s.Port), s.Domains.Count > 0 ? s.Domains : null));
                    break;
                case DnsServerKind.LocalOnly:
                    servers.Add(new ForwardServer(null, s.Domains));
                    break;
                case DnsServerKind.UseStandardServers:
                    servers.Add(new ForwardServer(null, s.Domains, UseStandardServers: true));
                    break;
            }
        }
        if (!dns.NoResolv) servers.AddRange(ReadResolvFiles(dns, system, workingDirectory, diagnostics));

        var options = new DnsServerOptions
        {
            ListenEndPoints = ListenEndPoints(dns, system),
            ClientScope = LimitsToLocalNetworks(dns) ? DnsClientScope.LocalNetworks : DnsClientScope.Everyone,
            StopDnsRebind = dns.StopDnsRebind,
            RebindLocalhostOk = dns.RebindLocalhostOk,
            RebindDomainsOk = dns.RebindDomainsOk,
            HostNames = HostNames(dns, system, diagnostics),
            Cnames = dns.Cnames.SelectMany(c => c.Aliases.Select(a => new CnameEntry(a, c.Target, c.Ttl))).ToList(),
            MxEntries = MxEntries(dns, system),
            SrvEntries = dns.SrvRecords.Select(s => new SrvEntry(s.Name, s.Target ?? ".", (ushort)s.Port, (ushort)s.Priority, (ushort)s.Weight)).ToList(),
            TxtEntries = dns.TxtRecords.Select(t => new TxtEntry(t.Name, t.Texts)).ToList(),
            PtrEntries = dns.PtrRecords.Where(p => p.Target is not null).Select(p => new PtrEntry(p.Name, p.Target!)).ToList(),
            Servers = servers,
            LocalDomains = LocalDomains(dns),
            InterfaceNames = dns.InterfaceNames.Select(i => new InterfaceName(i.Name, i.Interface, i.Family)).ToList(),
            Interfaces = system.Interfaces,
            AddressRules = AddressRules(dns),
            Domain = dns.Domains.FirstOrDefault(d => d.Subnet is null)?.Name ?? dns.Domains.FirstOrDefault()?.Name,
            ExpandHosts = dns.ExpandHosts,
            DomainNeeded = dns.DomainNeeded,
            BogusPriv = dns.BogusPriv,
            StrictOrder = dns.StrictOrder,
            CacheSize = dns.CacheSize,
            LocalTtl = dns.LocalTtl,
            NegTtl = dns.NegTtl,
            NoNegativeCache = dns.NoNegativeCache,
            EdnsPacketMax = dns.EdnsPacketMax,
            ClearOnReload = dns.ClearOnReload,
            AddressSets = dns.AddressSets,
            BogusNxDomains = dns.BogusNxDomains.Select(b => b.Network).ToList(),
            Aliases = dns.Aliases.Select(a => new AliasRange(Ipv4.ToValue(a.First), Ipv4.ToValue(a.Last), Ipv4.ToValue(a.Target), Ipv4.ToValue(a.Mask))).ToList(),
            LocalMx = dns.SelfMx || dns.LocalMx ? new LocalMxMode(dns.SelfMx, dns.MxTarget ?? system.MachineName) : null,
            FilterWin2k = dns.FilterWin2k,
            LocaliseQueries = dns.LocaliseQueries,
            Dnssec = dns.Dnssec
                ? new Dns.Dnssec.DnssecSettings(dns.TrustAnchors, dns.DnssecCheckUnsigned, dns.DnssecNoTimecheck, dns.DnssecDebug)
                    { Limits = dns.DnssecLimits, TimestampPath = dns.DnssecTimestamp }.WithServers(servers)
                : null,
        };
        return new SetupResult<DnsServerOptions>(options, diagnostics);
    }

    /// <summary>
    /// mx-host lines; one without a target points at the mx-target, or else at the machine itself. As dnsmasq 2.90
    /// (observed), an mx-target also gives the machine's own name an MX record to it, preference 0, mx-host or not.
    /// </summary>
    private static List<MxEntry> MxEntries(DnsConfig dns, SystemFacts system)
    {
        var entries = dns.MxRecords.Select(m => new MxEntry(m.Name, m.Target ?? dns.MxTarget ?? system.MachineName, (ushort)m.Preference)).ToList();
        if (dns.MxTarget is { } target) entries.Add(new MxEntry(system.MachineName, target, 0));
        return entries;
    }

    /// <summary>
    /// Names in the order that makes the first name of an address its PTR as in dnsmasq 2.90 (observed): host-record
    /// lines, then the system hosts file (unless no-hosts), then addn-hosts files.
    /// </summary>
    private static List<LocalHostName> HostNames(DnsConfig dns, SystemFacts system, List<ConfigDiagnostic> diagnostics)
    {
        var names = new List<LocalHostName>();
        foreach (var r in dns.HostRecords)
        {
            foreach (var n in r.Names)
            {
                if (r.IPv4 is not null) names.Add(new LocalHostName(n, r.IPv4, ExpandHosts: false, r.Ttl));
                if (r.IPv6 is not null) names.Add(new LocalHostName(n, r.IPv6, ExpandHosts: false, r.Ttl));
            }
        }
        if (!dns.NoHosts && system.HostsFile is { } hostsFile)
        {
            try
            {
                var read = HostsFile.Load(hostsFile);
                diagnostics.AddRange(read.Diagnostics);
                foreach (var e in read.Entries)
                    foreach (var n in e.Names) names.Add(new LocalHostName(n, e.Address));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new ConfigDiagnostic(hostsFile, 0, null, DiagnosticSeverity.Warning, $"cannot read the hosts file: {e.Message}"));
            }
        }
        foreach (var e in dns.AddnHostsEntries)
            foreach (var n in e.Names) names.Add(new LocalHostName(n, e.Address));
        return names;
    }

    private static List<AddressRule> AddressRules(DnsConfig dns)
    {
        var rules = new List<AddressRule>();
        foreach (var a in dns.Addresses)
        {
            foreach (var domain in a.Domains)
            {
                if (a.IsUnspecified)
                {
                    rules.Add(new AddressRule(domain, IPAddress.Any));
                    rules.Add(new AddressRule(domain, IPAddress.IPv6Any));
                }
                else rules.Add(new AddressRule(domain, a.Address));
            }
        }
        return rules;
    }

    /// <summary>
    /// <c>domain=name,subnet,local</c> is <c>local=/name/</c> plus <c>local=/</c>reverse zone of the subnet<c>/</c>, as
    /// dnsmasq's man page gives it: answered from local data only, never forwarded. The reverse zone exists for prefixes
    /// on a label boundary (a multiple of 8 bits).
    /// </summary>
    private static List<string> LocalDomains(DnsConfig dns)
    {
        var domains = new List<string>();
        foreach (var d in dns.Domains.Where(d => d.Local))
        {
            domains.Add(d.Name);
            if (d.Subnet is { } subnet && d.PrefixLength is { } prefix && ReverseZone(subnet, prefix) is { } zone) domains.Add(zone);
        }
        return domains;
    }

    private static string? ReverseZone(IPAddress subnet, int prefix)
    {
        // domain= takes IPv4 subnets only (the parser refuses others).
        var bytes = subnet.GetAddressBytes();
        if (bytes.Length != 4 || prefix % 8 != 0 || prefix is 0 or > 32) return null;
        return Net.ReverseZones.Of(bytes, prefix, 8).Single(); // on an octet boundary: one domain
    }

    /// <summary>
    /// Pint applies local-service by default, where dnsmasq needs it asked for: a server nobody told where to listen
    /// answers only its own networks. As in dnsmasq, it applies only when no listen-address=, interface= or
    /// except-interface= is given; local-service=host listens on loopback instead.
    /// </summary>
    private static bool NoListenChoice(DnsConfig dns) => dns.ListenAddresses.Count == 0 && dns.Interfaces.Count == 0 && dns.ExceptInterfaces.Count == 0;

    private static bool LimitsToLocalNetworks(DnsConfig dns) => NoListenChoice(dns) && !dns.LocalServiceHost;

    /// <summary>
    /// listen-address= lines, else every address of the interface= interfaces, else all addresses (dnsmasq's default),
    /// or loopback only with local-service=host.
    /// </summary>
    public static IReadOnlyList<IPEndPoint> ListenEndPoints(DnsConfig dns, SystemFacts system)
    {
        var endpoints = new List<IPEndPoint>();
        // The parser has refused any listen-address that is not an address.
        foreach (var text in dns.ListenAddresses)
            if (IPAddress.TryParse(text, out var a)) endpoints.Add(new IPEndPoint(a, dns.Port));
        if (dns.Interfaces.Count > 0)
        {
            foreach (var nic in system.Interfaces())
            {
                if (!dns.Interfaces.Any(i => InterfaceMatches(i, nic.Name))) continue;
                foreach (var address in nic.Addresses)
                    if (!address.IsIPv6LinkLocal) endpoints.Add(new IPEndPoint(address, dns.Port));
            }
        }
        if (endpoints.Count == 0 && dns.ListenAddresses.Count == 0 && dns.Interfaces.Count == 0)
        {
            bool loopbackOnly = dns.LocalServiceHost && NoListenChoice(dns);
            endpoints.Add(new IPEndPoint(loopbackOnly ? IPAddress.Loopback : IPAddress.Any, dns.Port));
            if (system.SupportsIPv6) endpoints.Add(new IPEndPoint(loopbackOnly ? IPAddress.IPv6Loopback : IPAddress.IPv6Any, dns.Port));
        }
        return endpoints.Distinct().ToList();
    }

    /// <summary>dnsmasq's interface= takes a trailing * as a wildcard (eth*).</summary>
    private static bool InterfaceMatches(string pattern, string name) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : name == pattern;

    private static List<ForwardServer> ReadResolvFiles(DnsConfig dns, SystemFacts system, string workingDirectory, List<ConfigDiagnostic> diagnostics)
    {
        var servers = new List<ForwardServer>();
        IEnumerable<string> files = dns.ResolvFiles.Count > 0 ? dns.ResolvFiles : system.DefaultResolvFile is { } d ? [d] : [];
        foreach (var file in files)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(workingDirectory, file);
            string[] lines;
            try { lines = File.ReadAllLines(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(new ConfigDiagnostic(path, 0, "resolv-file", DiagnosticSeverity.Warning, $"cannot read the resolv file: {e.Message}"));
                continue;
            }
            foreach (var line in lines)
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "nameserver" && IPAddress.TryParse(parts[1].Split('%')[0], out var a))
                    servers.Add(new ForwardServer(new IPEndPoint(a, 53)));
            }
        }
        return servers;
    }
}
