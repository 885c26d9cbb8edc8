namespace Pint.Engine.Hosting.Control;

/// <summary>What answers control requests: the host, which knows its services.</summary>
public interface IControlHandler
{
    Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken);
}
