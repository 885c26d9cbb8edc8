using Pint.Engine.Config;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>What <see cref="LeaseFile"/> found in a lease file.</summary>
/// <param name="Leases">
/// The current DHCPv4 record for each address, in file order of their last appearance. The file is a journal:
/// a later line for the same address supersedes an earlier one. Records whose expiry has passed are kept
/// (a release is written as an expired record); use <see cref="Active"/> for the leases in force.
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
}
