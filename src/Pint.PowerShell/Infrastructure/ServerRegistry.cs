using System.Collections.Concurrent;
using Pint.Engine.Hosting;

namespace Pint.PowerShell.Infrastructure;

/// <summary>The servers running in this PowerShell process, one per config file.</summary>
internal static class ServerRegistry
{
    private static readonly ConcurrentDictionary<string, RunningServer> Servers = new(PathComparer);

    public static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static bool TryAdd(RunningServer server) => Servers.TryAdd(server.Host.ConfigPath, server);

    public static bool TryGet(string configPath, out RunningServer server) => Servers.TryGetValue(configPath, out server!);

    public static bool TryRemove(string configPath, out RunningServer server) => Servers.TryRemove(configPath, out server!);

    public static IReadOnlyList<RunningServer> All => Servers.Values.OrderBy(s => s.Host.ConfigPath, PathComparer).ToArray();
}

/// <summary>A host and the log queue its cmdlets drain.</summary>
internal sealed class RunningServer
{
    public RunningServer(PintServerHost host, QueueLog log)
    {
        Host = host;
        Log = log;
    }

    public PintServerHost Host { get; }

    public QueueLog Log { get; }
}
