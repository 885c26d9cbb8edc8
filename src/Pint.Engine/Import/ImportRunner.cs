using Pint.Engine.Config;
using Pint.Engine.Management;

namespace Pint.Engine.Import;

/// <summary>What an import did (or, when not confirmed, would have done).</summary>
public sealed record ImportOutcome(
    ImportPlan Plan,
    bool Written,
    IReadOnlyList<string> Changes,
    int LinesAdded,
    IReadOnlyList<ImportLine> LinesAlreadyPresent,
    string? LeaseFile,
    int LeasesWritten,
    int LeasesReplaced);

/// <summary>
/// Runs an import as one transaction: under the config's edit lock it loads the config, plans the import against
/// it, appends the lines, asks <c>confirm</c> with the list of changes (-WhatIf answers no), then writes the lease
/// file and the config, each atomically. A plan that throws leaves every file as it was.
/// </summary>
public static class ImportRunner
{
    /// <param name="leaseFile">Where leases go; null = the config's dhcp-leasefile (or Pint's default).</param>
    /// <param name="confirm">Gets the changes as text lines; returns whether to write them.</param>
    public static ImportOutcome Run(
        string configPath,
        string workingDirectory,
        Func<PintConfig, ImportPlan> plan,
        Func<IReadOnlyList<string>, bool> confirm,
        string? leaseFile = null,
        Action<int, int>? progress = null)
    {
        using var session = ConfigEditSession.Open(configPath);
        var path = session.ConfigPath;
        var options = new ConfigLoadOptions { AllowUnsupported = true, WorkingDirectory = workingDirectory };
        var config = File.Exists(path) ? ConfigLoader.Load(path, options).Config : ConfigLoader.LoadText(string.Empty, path, options).Config;
        var result = plan(config);

        var present = ImportPlanWriter.Append(result, session, progress);
        string? leasePath = null;
        var replaced = 0;
        if (result.Leases.Count > 0)
        {
            leasePath = leaseFile is null ? LeaseCatalog.LeaseFilePath(config, workingDirectory) : Path.GetFullPath(leaseFile, workingDirectory);
            // Name the lease file in the config, so that the server and Get-PintLease read the imported leases.
            if (leaseFile is not null && config.Dhcp.LeaseFile is null) session.Append("dhcp-leasefile", leasePath);
            else if (leaseFile is not null && LeaseCatalog.LeaseFilePath(config, workingDirectory) != leasePath)
                result.Warn(new ConfigSource(path, 0), "dhcp-leasefile", $"the config reads leases from {LeaseCatalog.LeaseFilePath(config, workingDirectory)}, but the leases were written to {leasePath}");
            replaced = ImportPlanWriter.LeasesReplaced(leasePath, result.Leases);
        }
        var changes = session.PendingChanges.Select(c => c.ToString()).ToList();
        if (leasePath is not null)
        {
            changes.AddRange(result.Leases.Select(l => $"{leasePath}: lease '{Dhcp.Leases.LeaseFile.FormatLine(l).TrimEnd('\n')}'"));
        }
        if (changes.Count == 0 || !confirm(changes))
            return new ImportOutcome(result, false, changes, 0, present, leasePath, 0, 0);

        // Leases first: a config that names ranges whose leases are missing would hand those addresses out again.
        if (leasePath is not null) ImportPlanWriter.WriteLeases(leasePath, result.Leases);
        var added = session.PendingChanges.Count;
        session.Commit();
        return new ImportOutcome(result, true, changes, added, present, leasePath, result.Leases.Count, replaced);
    }
}
