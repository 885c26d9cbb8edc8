namespace Pint.Engine.Hosting.Control;

/// <summary>A service's own control commands (DHCP: leases; DNS: the cache). Null: not a command of this service.</summary>
public interface IServiceControl
{
    Task<ControlResponse?> TryHandleAsync(ControlRequest request, CancellationToken cancellationToken);
}
