using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dns;
using DnsAddressRule = Pint.Engine.Dns.AddressRule;

namespace Pint.Engine.Hosting;

/// <summary>The DNS server as a host service, and the mapping of dnsmasq's DNS options onto it.</summary>
public sealed class DnsService : IPintService, IReconfigurable, Control.IServiceControl
{
    /// <summary>The control command that empties the cache (Clear-PintDnsCache from another session).</summary>
    public const string ClearCacheCommand = "clear-dns-cache";

    /// <summary>The answer to <see cref="ClearCacheCommand"/>.</summary>
    public sealed record CacheCleared(bool Cleared);

    private readonly DnsServer _server;

    public DnsService(DnsServerOptions options, DnsQueryLog? queryLog = null) => _server = new DnsServer(options) { QueryLog = queryLog };

    public string Name => "dns";

    public DnsServer Server => _server;

    public IReadOnlyList<string> Endpoints =>
        _server.BoundEndPoints.SelectMany(e => new[] { $"udp/{e}", $"tcp/{e}" }).ToArray();

    public IReadOnlyDictionary<string, long> Counters
    {
        get
        {
            var c = _server.Counters;
            return new Dictionary<string, long>
            {
                ["queries"] = c.Queries,
                ["localAnswers"] = c.LocalAnswers,
                ["cacheHits"] = c.CacheHits,
                ["forwarded"] = c.Forwarded,
                ["refused"] = c.Refused,
                ["serverFailures"] = c.ServerFailures,
                ["dropped"] = c.Dropped,
                ["refusedNonLocal"] = c.RefusedNonLocal,
                ["rebindBlocked"] = c.RebindBlocked,
            };
        }
    }

    /// <summary>A changed config on the running server: same sockets, DHCP names kept, cache kept unless upstreams changed.</summary>
    public bool TryReconfigure(PintConfig config, PintHostOptions options, IPintLog log) =>
        config.Dns.LogQueries == (_server.QueryLog is not null) // turning log-queries on or off builds a new server
        && _server.Reconfigure(MapOptions(config, options.WorkingDirectory ?? Environment.CurrentDirectory, log));

    public Task<Control.ControlResponse?> TryHandleAsync(Control.ControlRequest request, CancellationToken cancellationToken)
    {
        if (request.Command != ClearCacheCommand) return Task.FromResult<Control.ControlResponse?>(null);
        _server.ClearCache();
        return Task.FromResult<Control.ControlResponse?>(Control.ControlResponse.Success(new CacheCleared(true)));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>
    /// dnsmasq's DNS options as server options. Names are taken in the order that makes the first name of an address
    /// its PTR as in dnsmasq 2.90 (observed): host-record lines, then /etc/hosts (unless no-hosts), then addn-hosts files.
    /// </summary>
    public static DnsServerOptions MapOptions(PintConfig config, string workingDirectory, IPintLog log)
    {
        var dns = config.Dns;
        var names = new List<LocalHostName>();
        foreach (var r in dns.HostRecords)
        {
            foreach (var n in r.Names)
            {
                if (r.IPv4 is not null) names.Add(new LocalHostName(n, r.IPv4, ExpandHosts: false, r.Ttl));
                if (r.IPv6 is not null) names.Add(new LocalHostName(n, r.IPv6, ExpandHosts: false, r.Ttl));
            }
        }
        if (!dns.NoHosts)
        {
            var systemHosts = OperatingSystem.IsWindows()
                ? Path.Combine(Environment.SystemDirectory, "drivers", "etc", "hosts")
                : "/etc/hosts";
            try
            {
                var read = HostsFile.Load(systemHosts);
                foreach (var d in read.Diagnostics) log.Write(PintLogLevel.Warning, "dns", d.ToString());
                foreach (var e in read.Entries)
                    foreach (var n in e.Names) names.Add(new LocalHostName(n, e.Address));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Write(PintLogLevel.Warning, "dns", $"cannot read {systemHosts}: {e.Message}");
            }
        }
        foreach (var e in dns.AddnHostsEntries)
            foreach (var n in e.Names) names.Add(new LocalHostName(n, e.Address));

        var servers = new List<ForwardServer>();
        var localDomains = new List<string>();
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
        if (!dns.NoResolv) servers.AddRange(ReadResolvFiles(dns, workingDirectory, log));

        var addressRules = new List<DnsAddressRule>();
        foreach (var a in dns.Addresses)
        {
            foreach (var domain in a.Domains)
            {
                if (a.IsUnspecified)
                {
                    addressRules.Add(new DnsAddressRule(domain, IPAddress.Any));
                    addressRules.Add(new DnsAddressRule(domain, IPAddress.IPv6Any));
                }
                else addressRules.Add(new DnsAddressRule(domain, a.Address));
            }
        }

        var machine = Environment.MachineName;
        return new DnsServerOptions
        {
            ListenEndPoints = ListenEndPoints(dns, log),
            ClientScope = LimitsToLocalNetworks(dns) ? DnsClientScope.LocalNetworks : DnsClientScope.Everyone,
            StopDnsRebind = dns.StopDnsRebind,
            RebindLocalhostOk = dns.RebindLocalhostOk,
            RebindDomainsOk = dns.RebindDomainsOk,
            Log = line => log.Write(PintLogLevel.Warning, "dns", line),
            HostNames = names,
            Cnames = dns.Cnames.SelectMany(c => c.Aliases.Select(a => new CnameEntry(a, c.Target, c.Ttl))).ToList(),
            // mx-host without a target points at the machine itself, as dnsmasq does.
            MxEntries = dns.MxRecords.Select(m => new MxEntry(m.Name, m.Target ?? machine, (ushort)m.Preference)).ToList(),
            SrvEntries = dns.SrvRecords.Select(s => new SrvEntry(s.Name, s.Target ?? ".", (ushort)s.Port, (ushort)s.Priority, (ushort)s.Weight)).ToList(),
            TxtEntries = dns.TxtRecords.Select(t => new TxtEntry(t.Name, t.Texts)).ToList(),
            PtrEntries = dns.PtrRecords.Where(p => p.Target is not null).Select(p => new PtrEntry(p.Name, p.Target!)).ToList(),
            Servers = servers,
            LocalDomains = localDomains,
            AddressRules = addressRules,
            Domain = dns.Domains.FirstOrDefault(d => d.Subnet is null)?.Name ?? dns.Domains.FirstOrDefault()?.Name,
            ExpandHosts = dns.ExpandHosts,
            DomainNeeded = dns.DomainNeeded,
            BogusPriv = dns.BogusPriv,
            StrictOrder = dns.StrictOrder,
            CacheSize = dns.CacheSize,
            LocalTtl = dns.LocalTtl,
            NegTtl = dns.NegTtl,
        };
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
    private static IReadOnlyList<IPEndPoint> ListenEndPoints(DnsConfig dns, IPintLog log)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var text in dns.ListenAddresses)
        {
            if (IPAddress.TryParse(text, out var a)) endpoints.Add(new IPEndPoint(a, dns.Port));
            else log.Write(PintLogLevel.Warning, "dns", $"listen-address={text} is not an address; ignored");
        }
        if (dns.Interfaces.Count > 0)
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            {
                if (!dns.Interfaces.Any(i => InterfaceMatches(i, nic.Name))) continue;
                foreach (var u in nic.GetIPProperties().UnicastAddresses)
                {
                    if (u.Address.IsIPv6LinkLocal) continue;
                    endpoints.Add(new IPEndPoint(u.Address, dns.Port));
                }
            }
        }
        if (endpoints.Count == 0 && dns.ListenAddresses.Count == 0 && dns.Interfaces.Count == 0)
        {
            bool loopbackOnly = dns.LocalServiceHost && NoListenChoice(dns);
            endpoints.Add(new IPEndPoint(loopbackOnly ? IPAddress.Loopback : IPAddress.Any, dns.Port));
            if (Socket.OSSupportsIPv6) endpoints.Add(new IPEndPoint(loopbackOnly ? IPAddress.IPv6Loopback : IPAddress.IPv6Any, dns.Port));
        }
        return endpoints.Distinct().ToList();
    }

    /// <summary>dnsmasq's interface= takes a trailing * as a wildcard (eth*).</summary>
    private static bool InterfaceMatches(string pattern, string name) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : name == pattern;

    private static IEnumerable<ForwardServer> ReadResolvFiles(DnsConfig dns, string workingDirectory, IPintLog log)
    {
        var files = dns.ResolvFiles.Count > 0 ? dns.ResolvFiles : OperatingSystem.IsWindows() ? Array.Empty<string>() : new[] { "/etc/resolv.conf" };
        foreach (var file in files)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(workingDirectory, file);
            string[] lines;
            try { lines = File.ReadAllLines(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Write(PintLogLevel.Warning, "dns", $"cannot read resolv-file {path}: {e.Message}");
                continue;
            }
            foreach (var line in lines)
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "nameserver" && IPAddress.TryParse(parts[1].Split('%')[0], out var a))
                    yield return new ForwardServer(new IPEndPoint(a, 53));
            }
        }
    }
}
