using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;

namespace Pint.Engine.Import;

/// <summary>Carries an <see cref="ImportPlan"/> out: its lines into an edit session, its leases into a lease file.</summary>
public static class ImportPlanWriter
{
    /// <summary>
    /// Appends the plan's lines to <paramref name="session"/> (nothing is written until the session commits). A line
    /// whose exact option and value are already in the config is not added again, so running an import twice does
    /// not double it. <paramref name="progress"/> gets (done, total) now and then.
    /// </summary>
    /// <returns>The lines that were already present and so left out.</returns>
    public static IReadOnlyList<ImportLine> Append(ImportPlan plan, ConfigEditSession session, Action<int, int>? progress = null)
    {
        var present = session.AllEntries()
            .Where(e => e.Value is not null)
            .Select(e => (e.Option, e.Value!))
            .ToHashSet();
        var skipped = new List<ImportLine>();
        for (var i = 0; i < plan.Lines.Count; i++)
        {
            var line = plan.Lines[i];
            if (present.Add((line.Option, line.Value))) session.Append(line.Option, line.Value);
            else skipped.Add(line);
            if (progress is not null && (i % 50 == 0 || i == plan.Lines.Count - 1)) progress(i + 1, plan.Lines.Count);
        }
        return skipped;
    }

    /// <summary>How many leases already in <paramref name="leaseFile"/> (with its journal) the import replaces.</summary>
    public static int LeasesReplaced(string leaseFile, IReadOnlyList<DhcpLease> imported) =>
        LeaseFileEditor.Replaced(LeaseFile.ReadWithJournal(leaseFile), imported);

    /// <summary>
    /// Adds the imported leases to the lease file, each replacing the lease of its address; the other leases and the
    /// DHCPv6 part are kept. Under the file's lock (refused while a server serves it), journaled and then rewritten
    /// atomically, so a crash never leaves half a file (see <see cref="LeaseFileEditor"/>).
    /// </summary>
    public static void WriteLeases(string leaseFile, IReadOnlyList<DhcpLease> imported) =>
        LeaseFileEditor.Add(Path.GetFullPath(leaseFile), imported);
}
