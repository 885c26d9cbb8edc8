using System.Net;

namespace Pint.Engine.Dns;

/// <summary>
/// The upstream servers for one domain (or the default ones). Keeps a smoothed response time per server so that,
/// unless strict-order is set, the fastest server is asked first (dnsmasq's default).
/// </summary>
public sealed class UpstreamGroup
{
    private readonly double[] _latencyMs;
    private readonly Lock _gate = new();

    public UpstreamGroup(IReadOnlyList<IPEndPoint> servers, bool strictOrder)
    {
        Servers = servers;
        StrictOrder = strictOrder;
        _latencyMs = new double[servers.Count];
    }

    public IReadOnlyList<IPEndPoint> Servers { get; }
    public bool StrictOrder { get; }
    /// <summary>local=/dom/ or server=/dom/ with no address: never forwarded.</summary>
    public bool IsLocalOnly => Servers.Count == 0;

    /// <summary>Order in which to try the servers for one query.</summary>
    public IPEndPoint[] TryOrder()
    {
        var order = Servers.ToArray();
        if (StrictOrder || order.Length < 2) return order;
        double[] keys;
        lock (_gate) keys = (double[])_latencyMs.Clone();
        Array.Sort(keys, order);
        return order;
    }

    public void ReportAnswer(IPEndPoint server, TimeSpan elapsed) => Update(server, elapsed.TotalMilliseconds);

    /// <summary>A timeout counts as a slow answer so the server drops down the order but is tried again later.</summary>
    public void ReportTimeout(IPEndPoint server, TimeSpan timeout) => Update(server, timeout.TotalMilliseconds * 2);

    private void Update(IPEndPoint server, double ms)
    {
        int i = IndexOf(server);
        if (i < 0) return;
        lock (_gate) _latencyMs[i] = _latencyMs[i] == 0 ? ms : 0.7 * _latencyMs[i] + 0.3 * ms;
    }

    private int IndexOf(IPEndPoint server)
    {
        for (int i = 0; i < Servers.Count; i++)
            if (Servers[i].Equals(server)) return i;
        return -1;
    }
}

/// <summary>
/// Which upstream group a name goes to: the most specific server=/domain/ wins, else the default servers. A domain
/// of server=/domain/# goes to the default servers too, and that wins over other lines for the same domain (dnsmasq).
/// </summary>
public sealed class UpstreamRoutes
{
    /// <summary>A null group: the domain uses the default servers.</summary>
    private readonly DomainTable<UpstreamGroup?> _byDomain = new();

    public UpstreamRoutes(IReadOnlyList<ForwardServer> servers, IReadOnlyList<string> localDomains, bool strictOrder)
    {
        var defaults = new List<IPEndPoint>();
        var perDomain = new Dictionary<string, List<IPEndPoint>>(StringComparer.OrdinalIgnoreCase);
        var standard = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in servers)
        {
            if (server.Domains is null || server.Domains.Count == 0)
            {
                if (server.EndPoint is not null) defaults.Add(server.EndPoint);
                continue;
            }
            foreach (var domain in server.Domains)
            {
                var key = domain.Trim('.');
                if (server.UseStandardServers)
                {
                    standard.Add(key);
                    continue;
                }
                if (!perDomain.TryGetValue(key, out var list)) perDomain[key] = list = [];
                if (server.EndPoint is not null) list.Add(server.EndPoint);
            }
        }
        foreach (var domain in localDomains) perDomain[domain.Trim('.')] = [];
        foreach (var (domain, list) in perDomain) _byDomain.Set(domain, new UpstreamGroup(list, strictOrder));
        foreach (var domain in standard) _byDomain.Set(domain, null);
        Default = defaults.Count > 0 ? new UpstreamGroup(defaults, strictOrder) : null;
    }

    public UpstreamGroup? Default { get; }

    /// <summary>The group for a name, or null when there is nowhere to send it.</summary>
    public UpstreamGroup? Route(ReadOnlySpan<byte> name) => _byDomain.TryMatch(name, out var group) ? group ?? Default : Default;

    /// <summary>
    /// True when a server=/domain/ line with servers of its own (or none: local only) covers the name; bogus-priv then
    /// stays out of the way. server=/domain/# does not count: dnsmasq still answers private reverse names itself.
    /// </summary>
    public bool HasSpecificRoute(ReadOnlySpan<byte> name) => _byDomain.TryMatch(name, out var group) && group is not null;
}
