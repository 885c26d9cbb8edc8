using System.Net;
using Pint.Engine.Hosting;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// A running DHCP server the lease cmdlets talk to: one in this PowerShell process (called directly), or the local
/// service behind its control socket (one JSON request per call). Either way the server's own lease table is read
/// and changed, never the file under it.
/// </summary>
internal sealed class LiveDhcp
{
    private readonly DhcpService? _service;
    private readonly Dhcp6Service? _service6;
    private readonly string? _socket;
    private readonly bool _serves6;

    private LiveDhcp(DhcpService? service, Dhcp6Service? service6, string? socket, bool serves6)
    {
        _service = service;
        _service6 = service6;
        _socket = socket;
        _serves6 = serves6;
    }

    public static LiveDhcp InProcess(DhcpService service, Dhcp6Service? service6 = null) => new(service, service6, null, service6 is not null);

    /// <param name="serves6">The service's status lists dhcp6: its DHCPv6 leases can be asked for.</param>
    public static LiveDhcp Channel(string socket, bool serves6 = false) => new(null, null, socket, serves6);

    /// <summary>Where the server runs, for messages: "this session" or the socket path.</summary>
    public string Location => _socket ?? "this session";

    public IReadOnlyList<PintLease> Leases() =>
        _service is not null ? _service.LiveLeases(DateTimeOffset.UtcNow) : Call<List<PintLease>>(DhcpService.LeasesCommand);

    /// <summary>The live DHCPv6 leases, when the server runs DHCPv6 too; else none.</summary>
    public IReadOnlyList<PintLease> Leases6()
    {
        if (_service6 is not null) return _service6.LiveLeases(DateTimeOffset.UtcNow);
        if (_socket is null || !_serves6) return [];
        return Call<List<PintLease>>(Dhcp6Service.LeasesCommand);
    }

    public IReadOnlyList<PintDhcpScopeStatistics> Statistics() =>
        _service is not null ? _service.Statistics(DateTimeOffset.UtcNow) : Call<List<PintDhcpScopeStatistics>>(DhcpService.StatisticsCommand);

    /// <summary>Ends the lease of <paramref name="address"/> on the server; throws with the server's message when it cannot.</summary>
    public PintLease Remove(IPAddress address)
    {
        if (_service is not null)
            return _service.RemoveLeaseAsync(address).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"No lease holds {address}.");
        return Call<PintLease>(DhcpService.RemoveLeaseCommand, new Dictionary<string, string> { ["ip"] = address.ToString() });
    }

    private T Call<T>(string command, IReadOnlyDictionary<string, string>? arguments = null) where T : class =>
        LocalService.TryCall<T>(_socket!, command, arguments)
        ?? throw new IOException($"The Pint service on '{_socket}' stopped answering.");
}
