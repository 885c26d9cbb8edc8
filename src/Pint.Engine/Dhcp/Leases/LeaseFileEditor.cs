namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// Changes a lease file that no server is serving (Remove-PintLease with the server stopped). It holds the file's
/// <see cref="LeaseFileLock"/> while it works, so it can never rewrite a file under a running server's journal,
/// and replaces the file atomically, so a crash leaves the old file or the new one.
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
        var read = LeaseFile.Read(path);
        var removed = read.Leases.Where(match).ToArray();
        if (removed.Length > 0)
            LeaseFile.WriteAtomically(path, read.Leases.Where(l => !removed.Contains(l)), read.DuidLine, read.Dhcp6Lines);
        return removed;
    }
}
