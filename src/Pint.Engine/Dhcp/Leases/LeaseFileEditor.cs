using System.Text;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// Changes a lease file that no server is serving (Remove-PintLease with the server stopped, Import-PintWindowsDhcp).
/// It holds the file's <see cref="LeaseFileLock"/> while it works, so it can never rewrite a file under a running
/// server. It reads the file with its journal (a server killed before its last snapshot leaves one), journals the
/// change first, then replaces the file atomically with the result and removes the journal: a crash at any point
/// leaves the old leases or the new ones, never a removed lease back or a journaled lease lost.
/// </summary>
public static class LeaseFileEditor
{
    /// <summary>
    /// Removes every lease record <paramref name="match"/> selects; returns the removed records. Other records
    /// (expired ones included), the DHCPv6 DUID line and DHCPv6 leases are kept; lines that cannot be read are dropped,
    /// as the server drops them when it opens the file.
    /// </summary>
    /// <exception cref="LeaseFileInUseException">A running server owns the file: change leases through it.</exception>
    public static IReadOnlyList<DhcpLease> Remove(string path, Func<DhcpLease, bool> match)
    {
        using var ownership = LeaseFileLock.Acquire(path);
        var removed = LeaseFile.ReadWithJournal(path).Leases.Where(l => !LeaseFile.IsRelease(l)).Where(match).ToArray();
        if (removed.Length > 0) Apply(path, removed.Select(l => l with { Expires = LeaseFile.ReleasedExpiry }));
        return removed;
    }

    /// <summary>
    /// Adds <paramref name="leases"/>, each replacing the record of its address; returns how many live records they
    /// replaced. Everything else is kept as <see cref="Remove"/> keeps it.
    /// </summary>
    /// <exception cref="LeaseFileInUseException">A running server owns the file.</exception>
    public static int Add(string path, IReadOnlyList<DhcpLease> leases)
    {
        using var ownership = LeaseFileLock.Acquire(path);
        var replaced = Replaced(LeaseFile.ReadWithJournal(path), leases);
        if (leases.Count > 0) Apply(path, leases);
        return replaced;
    }

    /// <summary>How many records of <paramref name="read"/> the <paramref name="incoming"/> leases replace.</summary>
    public static int Replaced(LeaseFileReadResult read, IReadOnlyList<DhcpLease> incoming)
    {
        var addresses = incoming.Select(l => l.Address).ToHashSet();
        return read.Leases.Count(l => !LeaseFile.IsRelease(l) && addresses.Contains(l.Address));
    }

    /// <summary>Journals <paramref name="records"/>, then folds the journal into a rewritten lease file.</summary>
    private static void Apply(string path, IEnumerable<DhcpLease> records)
    {
        var text = new StringBuilder();
        foreach (var record in records) text.Append(LeaseFile.FormatLine(record));
        using (var journal = LeaseJournal.OpenForAppend(path)) journal.Append(Encoding.UTF8.GetBytes(text.ToString()));
        var read = LeaseFile.ReadWithJournal(path);
        LeaseFile.WriteAtomically(path, read.Leases.Where(l => !LeaseFile.IsRelease(l)), read.DuidLine, read.Dhcp6Lines);
        LeaseJournal.Delete(path);
    }
}
