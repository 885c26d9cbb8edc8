using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;

namespace Pint.PowerShell.Model;

/// <summary>What Get-PintServer shows about a running server, in this session or behind a control socket.</summary>
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
    /// <summary>When the running server last re-read its config.</summary>
    public DateTimeOffset? LastReload { get; init; }
    /// <summary>Why the last re-read was not applied (file, line, message), or null when it was.</summary>
    public string? LastReloadError { get; init; }
    /// <summary>"Session" for a server in this PowerShell process, else the control socket it was reached through.</summary>
    public required string Location { get; init; }
    public int? ProcessId { get; init; }

    internal static PintServerInfo From(ServerStatus status, string location)
    {
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in status.Services)
            foreach (var (name, value) in s.Counters)
                counters[$"{s.Name}.{name}"] = value;
        return new PintServerInfo
        {
            ConfigPath = status.ConfigPath,
            State = status.State,
            StartedAt = status.StartedAt,
            Uptime = status.StartedAt is { } t ? DateTimeOffset.Now - t : null,
            Services = status.Services.Select(s => s.Name).ToArray(),
            Endpoints = status.Services.SelectMany(s => s.Endpoints).ToArray(),
            Counters = counters,
            Warnings = status.Warnings.ToArray(),
            LastReload = status.LastReload?.Time,
            LastReloadError = status.LastReload is { Applied: false } r ? r.Error : null,
            Location = location,
            ProcessId = status.ProcessId,
        };
    }

    internal static PintServerInfo From(PintServerHost host) => From(host.Status(), "Session");
}
