using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp6.Protocol;

namespace Pint.Engine.Dhcp6.Server;

/// <summary>Where the DHCPv6 server makes its bindings durable before the REPLY that grants them leaves.</summary>
public interface IDhcp6LeaseWriter
{
    /// <summary>
    /// Queues the bindings made or renewed (<paramref name="bound"/>) and ended (<paramref name="ended"/>, by release,
    /// decline or another client taking the address); the task completes once they are on disk, or faults if they
    /// cannot be (the REPLY is then not sent). Called under the server's lock, in the order of the table's changes.
    /// </summary>
    Task WriteAsync(IReadOnlyList<Dhcp6Lease> bound, IReadOnlyList<Dhcp6Lease> ended);

    /// <summary>Bindings that ran out: they leave the lease file with the next snapshot (no record: they read as expired).</summary>
    void Forget(IReadOnlyList<Dhcp6Lease> expired);
}

/// <summary>
/// DHCPv6 bindings into the lease file through its one writer (<see cref="LeaseDiskWriter"/>): each record appended
/// to the journal and fsync'ed in the group commit DHCPv4's records share, and in the snapshot after the file's
/// <c>duid</c> line, as dnsmasq's lease file holds them. The server DUID line goes with every batch; the writer
/// journals it only when the file holds none or another.
/// </summary>
/// <param name="writer">
/// The writer that owns the file now: the DHCPv4 service's when it serves from the file (a reload may restart it),
/// else the DHCPv6 service's own. Null while none does: the write then fails and no REPLY grants an unrecorded lease.
/// </param>
internal sealed class Dhcp6JournalWriter(Func<LeaseDiskWriter?> writer, byte[] serverDuid, string leaseFile) : IDhcp6LeaseWriter
{
    private readonly string _duidLine = DuidLine(serverDuid);

    public static string DuidLine(byte[] serverDuid) => "duid " + Dhcp6Duid.Format(serverDuid);

    public Task WriteAsync(IReadOnlyList<Dhcp6Lease> bound, IReadOnlyList<Dhcp6Lease> ended)
    {
        if (writer() is not { } disk)
            return Task.FromException(new LeaseStoreWriteException(
                $"no server owns the lease file '{leaseFile}' now: DHCPv6 leases cannot be made durable", new InvalidOperationException("no lease file writer")));
        var records = new List<Dhcp6Record>(bound.Count + ended.Count);
        foreach (var lease in ended) records.Add(Record(lease with { Expires = LeaseFile.ReleasedExpiry }));
        foreach (var lease in bound) records.Add(Record(lease));
        return disk.AppendDhcp6Async(_duidLine, records);
    }

    public void Forget(IReadOnlyList<Dhcp6Lease> expired)
    {
        if (expired.Count > 0) writer()?.ForgetDhcp6(expired.Select(Record).ToList());
    }

    private static Dhcp6Record Record(Dhcp6Lease lease) => new(lease.Address.ToString(), Dhcp6LeaseFile.FormatLine(lease));
}
