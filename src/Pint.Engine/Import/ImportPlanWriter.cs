using System.Text;
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

    /// <summary>
    /// The lease file text after the import: the leases already in <paramref name="leaseFile"/> (minus those for
    /// addresses the import brings, which replace them), then the imported ones; the DHCPv6 part is kept.
    /// </summary>
    public static string MergeLeases(string leaseFile, IReadOnlyList<DhcpLease> imported, out int replaced)
    {
        var existing = LeaseFile.Read(leaseFile);
        var incoming = imported.Select(l => l.Address).ToHashSet();
        var kept = existing.Leases.Where(l => !incoming.Contains(l.Address)).ToList();
        replaced = existing.Leases.Count - kept.Count;
        using var writer = new StringWriter { NewLine = "\n" };
        LeaseFile.Write(writer, kept.Concat(imported), existing.DuidLine, existing.Dhcp6Lines);
        return writer.ToString();
    }

    /// <summary>Replaces the lease file atomically (temp file, fsync, rename), so a crash never leaves half a file.</summary>
    public static void WriteLeaseFile(string leaseFile, string text) =>
        AtomicFile.Write(Path.GetFullPath(leaseFile), Encoding.UTF8.GetBytes(text));
}
