using Pint.Engine.Config;
using Pint.Engine.Dns;

namespace Pint.Engine.Hosting;

/// <summary>The DNS server as a host service; its options come from <see cref="DnsSetup"/>.</summary>
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

    public IReadOnlyDictionary<string, long> Counters => _server.Counters.Snapshot();

    /// <summary>A changed config on the running server: same sockets, DHCP names kept, cache kept unless upstreams changed.</summary>
    public bool TryReconfigure(PintSetupResult setup, PintHostOptions options, IPintLog log) =>
        setup.Dns is not { } dns // no options: a setup with errors, which the host refuses; keep serving
        || (setup.Config.Dns.LogQueries == (_server.QueryLog is not null) // turning log-queries on or off builds a new server
            && _server.Reconfigure(WithLog(dns, log)));

    /// <summary>The setup's options with the server's own reports (a rebind attempt, ignored clients) going to <paramref name="log"/>.</summary>
    public static DnsServerOptions WithLog(DnsServerOptions options, IPintLog log) =>
        options with { Log = line => log.Write(PintLogLevel.Warning, "dns", line) };

    public Task<Control.ControlResponse?> TryHandleAsync(Control.ControlRequest request, CancellationToken cancellationToken)
    {
        if (request.Command != ClearCacheCommand) return Task.FromResult<Control.ControlResponse?>(null);
        _server.ClearCache();
        return Task.FromResult<Control.ControlResponse?>(Control.ControlResponse.Success(new CacheCleared(true)));
    }

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
