using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Tftp;

namespace Pint.Engine.Hosting;

/// <summary>The TFTP server as a host service, and the mapping of dnsmasq's TFTP options onto it.</summary>
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
    public bool TryReconfigure(PintConfig config, PintHostOptions options, IPintLog log) =>
        _server.Reconfigure(MapOptions(config, options.WorkingDirectory ?? Environment.CurrentDirectory));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>enable-tftp and the tftp-* options as server options; port 69 on the DNS listen addresses, as dnsmasq.</summary>
    public static TftpServerOptions MapOptions(PintConfig config, string workingDirectory, int port = TftpServerOptions.DefaultPort)
    {
        var tftp = config.Tftp;
        string Full(string dir) => Path.IsPathRooted(dir) ? dir : Path.GetFullPath(Path.Combine(workingDirectory, dir));
        var root = tftp.Roots.FirstOrDefault(r => r.Interface is null)?.Directory ?? workingDirectory;
        var listen = config.Dns.ListenAddresses
            .Select(a => IPAddress.TryParse(a, out var ip) ? new IPEndPoint(ip, port) : null)
            .OfType<IPEndPoint>()
            .ToList();
        return new TftpServerOptions
        {
            ListenEndPoints = listen.Count > 0 ? listen : [new IPEndPoint(IPAddress.Any, port)],
            Root = Full(root),
            RootsByInterface = tftp.Roots.Where(r => r.Interface is not null).ToDictionary(r => r.Interface!, r => Full(r.Directory)),
            Secure = tftp.Secure,
            NoBlockSize = tftp.NoBlockSize,
            MaxTransfers = tftp.MaxTransfers,
            PortRange = tftp.PortRange,
        };
    }
}
