using System.Globalization;
using System.Net;
using System.Text;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// Renewals of leases this server already holds, granted while the lease database is unreachable and written back by
/// <see cref="ReplayAsync"/> once it returns. One entry per address (a newer renewal replaces an older one). With a
/// journal path every <see cref="TryEnqueue"/> is appended and fsync'ed before it returns, so an ACK sent after it
/// survives a restart of the server; the journal is rewritten (atomically) after each replay.
/// Only renewals: a new address for a client needs the database (the partner may hand out the same one).
/// </summary>
public sealed class OfflineRenewalQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, QueuedRenewal> _pending = [];
    private readonly string _serverId;
    private readonly string? _journalPath;
    private FileStream? _journal;

    /// <summary>Creates the queue for <paramref name="serverId"/>, loading what <paramref name="journalPath"/> holds from a previous run.</summary>
    public OfflineRenewalQueue(string serverId, string? journalPath = null)
    {
        _serverId = serverId;
        _journalPath = journalPath;
        if (journalPath is null) return;
        if (File.Exists(journalPath))
            foreach (var line in File.ReadLines(journalPath))
                if (TryParse(line, out var renewal)) _pending[renewal.Address] = renewal;
        _journal = OpenJournal(journalPath, append: true);
    }

    /// <summary>How many renewals wait.</summary>
    public int Count { get { lock (_gate) return _pending.Count; } }

    /// <summary>The waiting renewals, by address.</summary>
    public IReadOnlyList<QueuedRenewal> Snapshot()
    {
        lock (_gate) return [.. _pending.Values.OrderBy(r => r.Address.GetAddressBytes(), ByteOrder.Instance)];
    }

    /// <summary>
    /// Queues a renewal of <paramref name="held"/> (the row as this server last knew it) to <paramref name="expires"/>.
    /// False, and nothing queued, when the lease is not an active one owned by this server: the caller must then
    /// not ACK (NAK or stay silent). True means queued (and durable with a journal): the ACK may go out.
    /// </summary>
    public bool TryEnqueue(SharedLease held, DateTimeOffset? expires, string? hostName, DateTimeOffset now)
    {
        if (held.State != SharedLeaseState.Active || held.ServerId != _serverId) return false;
        if (held.Expires is { } end && end <= now) return false; // expired: it may be the partner's by now
        var renewal = new QueuedRenewal(held.Address, held.HardwareAddress, held.ClientId, hostName ?? held.HostName, expires, held.Scope, now);
        lock (_gate)
        {
            if (_journal is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(Format(renewal) + "\n");
                _journal.Write(bytes);
                _journal.Flush(flushToDisk: true);
            }
            _pending[renewal.Address] = renewal;
        }
        return true;
    }

    /// <summary>
    /// Writes the waiting renewals, oldest first, until done or the database fails again (the rest stays queued).
    /// A renewal queued again while it is being written stays queued for the next pass.
    /// </summary>
    public async Task<OfflineReplayReport> ReplayAsync(IOfflineRenewalTarget target, CancellationToken cancellationToken = default)
    {
        QueuedRenewal[] batch;
        lock (_gate) batch = [.. _pending.Values.OrderBy(r => r.QueuedAt)];
        int applied = 0, reinserted = 0;
        var conflicts = new List<OfflineRenewalConflict>();
        LeaseBackendUnavailableException? stoppedBy = null;
        try
        {
            foreach (var renewal in batch)
            {
                OfflineRenewalOutcome outcome;
                try { outcome = await target.ApplyOfflineRenewalAsync(renewal, cancellationToken); }
                catch (LeaseBackendUnavailableException unavailable) { stoppedBy = unavailable; break; }
                switch (outcome.Status)
                {
                    case OfflineRenewalStatus.Applied: applied++; break;
                    case OfflineRenewalStatus.Reinserted: reinserted++; break;
                    default: conflicts.Add(new OfflineRenewalConflict(renewal, outcome.Holder)); break;
                }
                lock (_gate)
                    if (_pending.TryGetValue(renewal.Address, out var current) && ReferenceEquals(current, renewal))
                        _pending.Remove(renewal.Address);
            }
        }
        finally
        {
            if (applied + reinserted + conflicts.Count > 0) RewriteJournal();
        }
        return new OfflineReplayReport(applied, reinserted, conflicts, Count, stoppedBy);
    }

    private void RewriteJournal()
    {
        if (_journalPath is null) return;
        lock (_gate)
        {
            var temporary = _journalPath + ".tmp";
            using (var stream = OpenJournal(temporary, append: false))
            {
                var text = new StringBuilder();
                foreach (var renewal in _pending.Values) text.Append(Format(renewal)).Append('\n');
                stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
                stream.Flush(flushToDisk: true);
            }
            _journal?.Dispose();
            File.Move(temporary, _journalPath, overwrite: true);
            _journal = OpenJournal(_journalPath, append: true);
        }
    }

    private static FileStream OpenJournal(string path, bool append) =>
        new(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);

    // One line per renewal: address, hardware address, client id, host name, expiry (unix seconds, "-" infinite),
    // scope, queued at (unix milliseconds); text fields percent-escaped, "-" for null.
    internal static string Format(QueuedRenewal r) => string.Join('\t',
        r.Address.ToString(), Escape(r.HardwareAddress), Escape(r.ClientId), Escape(r.HostName),
        r.Expires is { } end ? end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : "-",
        Escape(r.Scope), r.QueuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    internal static bool TryParse(string line, out QueuedRenewal renewal)
    {
        renewal = null!;
        var fields = line.Split('\t');
        if (fields.Length != 7 || !IPAddress.TryParse(fields[0], out var address)) return false;
        DateTimeOffset? expires = null;
        if (fields[4] != "-")
        {
            if (!long.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return false;
            expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (!long.TryParse(fields[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var queued)) return false;
        var hardware = Unescape(fields[1]);
        var scope = Unescape(fields[5]);
        if (hardware is null || scope is null) return false;
        renewal = new QueuedRenewal(address, hardware, Unescape(fields[2]), Unescape(fields[3]), expires, scope, DateTimeOffset.FromUnixTimeMilliseconds(queued));
        return true;
    }

    private static string Escape(string? text) => text is null ? "-" : text.Length == 0 ? "%" : text == "-" ? "%2D" : Uri.EscapeDataString(text);

    private static string? Unescape(string field) => field switch { "-" => null, "%" => "", _ => Uri.UnescapeDataString(field) };

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }
}
