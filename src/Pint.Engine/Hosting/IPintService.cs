namespace Pint.Engine.Hosting;

/// <summary>
/// One network service the host runs (DNS, DHCP, TFTP). The host starts them in order and stops them in reverse,
/// so a service never sees a half-built sibling.
/// </summary>
public interface IPintService : IAsyncDisposable
{
    /// <summary>Short name as logs and Get-PintServer show it: "dns", "dhcp", "tftp".</summary>
    string Name { get; }

    /// <summary>Where the service listens once started, e.g. "udp/127.0.0.1:5353".</summary>
    IReadOnlyList<string> Endpoints { get; }

    /// <summary>Counters by name, read without locking (values may be a moment stale).</summary>
    IReadOnlyDictionary<string, long> Counters { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
