namespace Pint.PowerShell.Model;

/// <summary>
/// The DHCP service's message counters since it started (per-range use is Get-PintDhcpStatistics), with the
/// requests that got no reply by reason in <see cref="Drops"/>.
/// </summary>
public sealed class PintDhcpServerStatistics : PintServiceStatistics
{
    private const string DropPrefix = "drops.";

    public long Discovers => Read("discovers");
    public long Requests => Read("requests");
    public long Releases => Read("releases");
    public long Declines => Read("declines");
    public long Informs => Read("informs");
    public long Offers => Read("offers");
    public long Acks => Read("acks");
    public long Naks => Read("naks");
    /// <summary>Datagrams that were not valid DHCP requests.</summary>
    public long Malformed => Read("malformed");
    /// <summary>Valid requests that got no reply; <see cref="Drops"/> says why.</summary>
    public long Unanswered => Read("unanswered");
    public long PingConflicts => Read("pingConflicts");
    /// <summary>ACKs withheld because the lease could not be written to disk.</summary>
    public long CommitFailures => Read("commitFailures");
    public long SendFailures => Read("sendFailures");
    /// <summary>Leases in the lease table.</summary>
    public long Leases => Read("leases");

    /// <summary>Requests without reply by reason ("HostIgnored", "ForAnotherServer", ...), only reasons that occurred.</summary>
    public IReadOnlyDictionary<string, long> Drops =>
        Counters.Where(c => c.Key.StartsWith(DropPrefix, StringComparison.Ordinal) && c.Value > 0)
            .ToDictionary(c => char.ToUpperInvariant(c.Key[DropPrefix.Length]) + c.Key[(DropPrefix.Length + 1)..], c => c.Value);
}
