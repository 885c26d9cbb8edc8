using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dns;

namespace Pint.Engine.Hosting;

/// <summary>
/// bind-dynamic: the DNS listen addresses follow the interfaces. Every two seconds the addresses the config's
/// interface= lines would listen on are computed again from the machine; when they differ from the ones the server
/// started with (an address added to or taken from a bridge, an interface that came up), the host reloads, and the
/// DNS service restarts on the new addresses. dnsmasq learns the same from netlink; a poll is portable.
/// </summary>
internal sealed class InterfaceWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public InterfaceWatcher(Func<DnsConfig> config, SystemFacts system, Func<Task> onChange)
    {
        var seen = DnsSetup.ListenEndPoints(config(), system);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try { await Task.Delay(Interval, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                IReadOnlyList<IPEndPoint> now;
                try { now = DnsSetup.ListenEndPoints(config(), system); }
                catch (System.Net.NetworkInformation.NetworkInformationException) { continue; }
                if (now.SequenceEqual(seen)) continue;
                seen = now;
                try { await onChange().ConfigureAwait(false); }
                catch (Exception e) when (e is not OutOfMemoryException) { /* the reload reports its own failure */ }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
