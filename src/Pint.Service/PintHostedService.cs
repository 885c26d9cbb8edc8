using Microsoft.Extensions.Hosting;
using Pint.Engine.Hosting;

namespace Pint.Service;

/// <summary>Runs the engine host under Microsoft.Extensions.Hosting, so systemd and the Windows service manager drive it.</summary>
internal sealed class PintHostedService(PintServerHost host) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync();
}
