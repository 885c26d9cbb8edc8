using Pint.Engine.Config;
using Pint.Engine.Tftp;

namespace Pint.Engine.Hosting;

/// <summary>The TFTP server as a host service; its options come from <see cref="TftpSetup"/>.</summary>
public sealed class TftpService : IPintService, IReconfigurable
{
    private readonly TftpServer _server;

    public TftpService(TftpServerOptions options) => _server = new TftpServer(options);

    public string Name => "tftp";

    public IReadOnlyList<string> Endpoints => _server.BoundEndPoints.Select(e => $"udp/{e}").ToArray();

    public IReadOnlyDictionary<string, long> Counters => _server.Counters.Snapshot();

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync();

    /// <summary>A changed root or limit applies to the next request; transfers under way are kept.</summary>
    public bool TryReconfigure(PintSetupResult setup, PintHostOptions options, IPintLog log) =>
        setup.Tftp is not { } tftp || _server.Reconfigure(tftp); // no options: a setup with errors, which the host refuses

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
