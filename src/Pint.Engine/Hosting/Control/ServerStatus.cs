namespace Pint.Engine.Hosting.Control;

/// <summary>A running server as Get-PintServer shows it, whether it runs in this process or behind a control socket.</summary>
public sealed record ServerStatus(
    string ConfigPath,
    PintServerState State,
    DateTimeOffset? StartedAt,
    IReadOnlyList<ServiceStatus> Services,
    IReadOnlyList<string> Warnings,
    ReloadStatus? LastReload,
    int? ProcessId);

public sealed record ServiceStatus(string Name, IReadOnlyList<string> Endpoints, IReadOnlyDictionary<string, long> Counters);

/// <summary>The last time the config was re-read while running, and why it was not applied if it was not.</summary>
public sealed record ReloadStatus(DateTimeOffset Time, bool Applied, string? Error);
