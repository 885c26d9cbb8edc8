namespace Pint.Engine.Import;

/// <summary>What Import-PintWindowsDhcp / Import-PintDnsZone wrote, as the cmdlets report it.</summary>
public sealed record PintImportResult
{
    /// <summary>The file imported (the Windows export or the zone file).</summary>
    public required string Source { get; init; }
    public required string ConfigPath { get; init; }
    /// <summary>Config lines appended.</summary>
    public required int LinesAdded { get; init; }
    /// <summary>Lines the import would have added but the config already held.</summary>
    public required int LinesAlreadyPresent { get; init; }
    /// <summary>The lease file written, or null when the import brought no leases.</summary>
    public string? LeaseFile { get; init; }
    public int LeasesWritten { get; init; }
    /// <summary>Leases already in the lease file for an address the import brought, replaced by the imported ones.</summary>
    public int LeasesReplaced { get; init; }
    /// <summary>Items not imported or imported with a difference; each was written as a warning.</summary>
    public required int Warnings { get; init; }

    public static PintImportResult From(string source, string configPath, ImportOutcome outcome) => new()
    {
        Source = source,
        ConfigPath = configPath,
        LinesAdded = outcome.LinesAdded,
        LinesAlreadyPresent = outcome.LinesAlreadyPresent.Count,
        LeaseFile = outcome.LeaseFile,
        LeasesWritten = outcome.LeasesWritten,
        LeasesReplaced = outcome.LeasesReplaced,
        Warnings = outcome.Plan.Warnings.Count(),
    };
}
