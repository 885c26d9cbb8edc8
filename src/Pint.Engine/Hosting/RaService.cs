using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Ra;

namespace Pint.Engine.Hosting;

/// <summary>
/// Router advertisements (enable-ra, ra-param and the IPv6 dhcp-range RA modes) as a host service beside DHCPv6:
/// see <see cref="RaServer"/> for what is sent when and <see cref="RaOptions"/> for what an RA holds.
/// </summary>
public sealed class RaService : IPintService
{
    private readonly PintConfig _config;
    private readonly IPintLog _log;
    private readonly Func<IReadOnlyList<Dhcp.Leases.DhcpLease>?>? _leases;
    private readonly Func<Dns.DynamicNames?>? _names;
    private RaServer? _server;
    private RaNames? _raNames;

    /// <param name="leases">The DHCPv4 lease table now (null while DHCPv4 is not running), for ra-names.</param>
    /// <param name="names">DNS's registry of DHCP names now, where ra-names publishes; without both, ra-names names nothing.</param>
    public RaService(PintConfig config, IPintLog log, Func<IReadOnlyList<Dhcp.Leases.DhcpLease>?>? leases = null, Func<Dns.DynamicNames?>? names = null)
    {
        _config = config;
        _log = log;
        _leases = leases;
        _names = names;
    }

    public string Name => "ra";

    public IReadOnlyList<string> Endpoints => _server is { } s ? s.Interfaces.Select(i => $"icmp6/ff02::2%{i}").ToList() : [];

    public IReadOnlyDictionary<string, long> Counters
    {
        get
        {
            if (_server is not { } s) return new Dictionary<string, long>();
            var counters = new Dictionary<string, long> { ["sent"] = s.Sent, ["solicitations"] = s.Solicitations, ["malformed"] = s.Malformed, ["errors"] = s.Errors };
            if (_raNames is { } n) (counters["slaacPings"], counters["slaacConfirmed"]) = (n.Pings, n.Confirmed);
            return counters;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new RaServer(RaOptions.FromConfig(_config))
        {
            Log = _config.Dhcp.QuietRa ? null : line => _log.Write(PintLogLevel.Information, Name, line),
            Warning = line => _log.Write(PintLogLevel.Warning, Name, line),
        };
        _server.Start();
        if (_server.Interfaces.Count == 0)
            _log.Write(PintLogLevel.Warning, Name, "no interface has an address on a configured IPv6 range's prefix: no router advertisements until one does");
        if (_leases is not null && _names is not null && RaNames.IsEnabled(_config))
        {
            _raNames = new RaNames(_config.Dhcp.Ranges6, _leases, RaNames.Registry(_names))
            {
                Log = line => _log.Write(PintLogLevel.Information, "dhcp6", line),
                Warning = line => _log.Write(PintLogLevel.Warning, Name, line),
            };
            _raNames.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_raNames is { } names) await names.DisposeAsync().ConfigureAwait(false);
        _raNames = null;
        if (_server is { } server) await server.DisposeAsync().ConfigureAwait(false);
        _server = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));
}
