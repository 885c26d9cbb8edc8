using Pint.Engine.Config;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>What <see cref="LeaseFile"/> found in a lease file.</summary>
/// <param name="Leases">
/// The current DHCPv4 record for each address, in file order of their last appearance: a later line for the same
/// address (in a journal, or a journal replayed over its file) supersedes an earlier one. Records whose expiry has
/// passed are kept (a release is journaled as an expired record); use <see cref="Active"/> for the leases in force.
/// </param>
/// <param name="Diagnostics">Lines that could not be read, each with file and line; they were skipped.</param>
/// <param name="DuidLine">The server's DHCPv6 <c>duid ...</c> line, kept verbatim, or null.</param>
/// <param name="Dhcp6Lines">The DHCPv6 lease lines that follow the DUID line, kept verbatim but not served.</param>
public sealed record LeaseFileReadResult(
    IReadOnlyList<DhcpLease> Leases,
    IReadOnlyList<ConfigDiagnostic> Diagnostics,
    string? DuidLine,
    IReadOnlyList<string> Dhcp6Lines)
{
    public static LeaseFileReadResult Empty { get; } = new([], [], null, []);

    /// <summary>The leases not expired at <paramref name="now"/>.</summary>
    public IEnumerable<DhcpLease> Active(DateTimeOffset now) => Leases.Where(l => !l.IsExpiredAt(now));

    /// <summary>
    /// This file with <paramref name="journal"/> replayed over it: the journal's record for an address supersedes this
    /// one's. Replaying a journal twice changes nothing, so a crash between a snapshot and the journal's trim is harmless.
    /// The DHCPv6 part is replayed the same way: a journaled DUID line replaces the file's, a journaled DHCPv6 record
    /// the file's line for its address, and a journaled release (expiry 1) removes that line.
    /// </summary>
    internal LeaseFileReadResult ReplayedWith(LeaseFileReadResult journal)
    {
        var superseded = journal.Leases.Select(l => l.Address).ToHashSet();
        var leases = Leases.Where(l => !superseded.Contains(l.Address)).Concat(journal.Leases).ToArray();
        var dhcp6 = Dhcp6Lines;
        if (journal.Dhcp6Lines.Count > 0)
        {
            var byKey = new Dictionary<string, string>();
            foreach (var line in Dhcp6Lines) byKey[LeaseFile.Dhcp6Key(line)] = line;
            foreach (var line in journal.Dhcp6Lines)
            {
                var key = LeaseFile.Dhcp6Key(line);
                byKey.Remove(key); // a renewed record moves to the end, as it was written last
                if (!LeaseFile.IsDhcp6Release(line)) byKey[key] = line;
            }
            dhcp6 = byKey.Values.ToArray();
        }
        return new LeaseFileReadResult(leases, [.. Diagnostics, .. journal.Diagnostics], journal.DuidLine ?? DuidLine, dhcp6);
    }
}
