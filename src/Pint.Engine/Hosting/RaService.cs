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
    private RaServer? _server;

    public RaService(PintConfig config, IPintLog log)
    {
        _config = config;
        _log = log;
    }

    public string Name => "ra";

    public IReadOnlyList<string> Endpoints => _server is { } s ? s.Interfaces.Select(i => $"icmp6/ff02::2%{i}").ToList() : [];

    public IReadOnlyDictionary<string, long> Counters => _server is { } s
        ? new Dictionary<string, long> { ["sent"] = s.Sent, ["solicitations"] = s.Solicitations, ["malformed"] = s.Malformed, ["errors"] = s.Errors }
        : new Dictionary<string, long>();

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
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server) await server.DisposeAsync().ConfigureAwait(false);
        _server = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));
}
