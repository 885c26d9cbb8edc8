using Pint.Engine.Hosting;

namespace Pint.PowerShell.Model;

/// <summary>What Get-PintServer shows about a running server.</summary>
public sealed class PintServerInfo
{
    public required string ConfigPath { get; init; }
    public required PintServerState State { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public TimeSpan? Uptime { get; init; }
    public required string[] Services { get; init; }
    public required string[] Endpoints { get; init; }
    /// <summary>Counters by "service.counter", as dnsmasq's SIGUSR1 dump gives them.</summary>
    public required IReadOnlyDictionary<string, long> Counters { get; init; }
    public required string[] Warnings { get; init; }

    internal static PintServerInfo From(PintServerHost host)
    {
        var services = host.Services;
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in services)
            foreach (var (name, value) in s.Counters)
                counters[$"{s.Name}.{name}"] = value;
        return new PintServerInfo
        {
            ConfigPath = host.ConfigPath,
            State = host.State,
            StartedAt = host.StartedAt,
            Uptime = host.StartedAt is { } t ? DateTimeOffset.Now - t : null,
            Services = services.Select(s => s.Name).ToArray(),
            Endpoints = services.SelectMany(s => s.Endpoints).ToArray(),
            Counters = counters,
            Warnings = host.Diagnostics.Select(d => d.ToString()).ToArray(),
        };
    }
}
