using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>
/// Cache of upstream answers keyed by (name, type). Stores the reply as received (header, question, answer and
/// authority; additional stripped) plus where its TTLs are, so a hit is one copy and a few patches.
/// Holds at most cache-size entries and evicts the least recently used one. An NXDOMAIN says the name has no
/// records of any type, so, as dnsmasq 2.90 answers it, it is kept once for the name and answers every type.
/// A reply with DNSSEC records (a validating server asks with DO) is also kept without them, written once when
/// stored, for the clients that did not set DO (dnsmasq 2.90's cache gives them none).
/// </summary>
public sealed class DnsCache
{
    private sealed class Entry(byte[] key, byte[] message, int[] ttlOffsets, uint[] ttls, long storedAt, long expiresAt)
    {
        /// <summary>The message without RRSIG, NSEC and NSEC3 records (null: it has none), and where its TTLs are.</summary>
        public (byte[] Message, int[] TtlOffsets, uint[] Ttls)? Plain;
        public readonly byte[] Key = key;
        public readonly byte[] Message = message;
        public readonly int[] TtlOffsets = ttlOffsets;
        public readonly uint[] Ttls = ttls;
        public readonly long StoredAt = storedAt;
        public readonly long ExpiresAt = expiresAt;
        public LinkedListNode<Entry>? Node;
    }

    private const int MaxKey = DnsFlags.MaxNameLength + 2;
    // The key type of a name's NXDOMAIN: 0 is no query type (RFC 6895 reserves it).
    private const DnsType AnyTypeOfName = 0;
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], Entry> _entries = new(KeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly LinkedList<Entry> _recency = new();
    private readonly Func<long> _clockMs;

    public DnsCache(int capacity, int? negativeTtl, Func<long>? clockMs = null)
    {
        Capacity = Math.Max(0, capacity);
        NegativeTtl = negativeTtl;
        _clockMs = clockMs ?? (() => Environment.TickCount64);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Capacity { get; }
    public int? NegativeTtl { get; }
    public int Count { get { lock (_gate) return _entries.Count; } }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }

    /// <summary>
    /// Copies the cached upstream message for the query into <paramref name="destination"/> with TTLs aged
    /// (<see cref="UpstreamAnswerWriter"/> then makes it the client's). Returns the length, 0 on a miss, or -1 when it does not fit.
    /// </summary>
    public int TryCopy(in DnsQuery query, Span<byte> destination) => TryCopy(query.Name, query.Type, destination, dnssecOk: query.EdnsDo);

    /// <summary>
    /// As <see cref="TryCopy(in DnsQuery, Span{byte})"/> for any name and type (a local CNAME's target). Without
    /// <paramref name="dnssecOk"/> (the client's DO bit) the copy has no RRSIG, NSEC or NSEC3 records.
    /// </summary>
    public int TryCopy(ReadOnlySpan<byte> name, DnsType type, Span<byte> destination, bool dnssecOk = true)
    {
        if (Capacity == 0) return 0;
        Span<byte> key = stackalloc byte[MaxKey];
        var typed = MakeKey(name, type, key);
        lock (_gate)
        {
            bool nameLevel = false;
            if (!_lookup.TryGetValue(typed, out var entry))
            {
                if (!_lookup.TryGetValue(MakeKey(name, AnyTypeOfName, key), out entry)) return 0;
                nameLevel = true;
            }
            long now = _clockMs();
            if (now >= entry.ExpiresAt)
            {
                Remove(entry);
                return 0;
            }
            var (message, ttlOffsets, ttls) = !dnssecOk && entry.Plain is { } plain ? plain : (entry.Message, entry.TtlOffsets, entry.Ttls);
            if (message.Length > destination.Length) return -1;
            _recency.Remove(entry.Node!);
            _recency.AddLast(entry.Node!);
            message.CopyTo(destination);
            uint elapsed = (uint)((now - entry.StoredAt) / 1000);
            for (int i = 0; i < ttlOffsets.Length; i++)
                BinaryPrimitives.WriteUInt32BigEndian(destination[ttlOffsets[i]..], ttls[i] > elapsed ? ttls[i] - elapsed : 0);
            // A name's NXDOMAIN was stored with the question that got it; the copy asks this type.
            if (nameLevel) BinaryPrimitives.WriteUInt16BigEndian(destination[(DnsFlags.HeaderLength + name.Length)..], (ushort)type);
            return message.Length;
        }
    }

    /// <summary>Stores an upstream reply already checked by <see cref="UpstreamReply"/>. Replies without a usable TTL are not kept.</summary>
    public void Store(ReadOnlySpan<byte> name, DnsType type, in UpstreamReply reply)
    {
        if (Capacity == 0 || reply.CacheSeconds is not uint seconds || seconds == 0) return;
        var plain = WithoutDnssecRecords(reply.Message, type);
        if (DnsHeader.Read(reply.Message).Rcode == DnsRcode.NxDomain) type = AnyTypeOfName;
        var key = MakeKey(name, type, new byte[MaxKey]).ToArray();
        long now = _clockMs();
        var entry = new Entry(key, reply.Message, reply.TtlOffsets, reply.Ttls, now, now + seconds * 1000L) { Plain = plain };
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var old)) Remove(old);
            while (_entries.Count >= Capacity && _recency.First is { } oldest) Remove(oldest.Value);
            entry.Node = _recency.AddLast(entry);
            _entries[key] = entry;
        }
    }

    /// <summary>The message without its DNSSEC records and where its TTLs lie; null when it has none to take out.</summary>
    private static (byte[], int[], uint[])? WithoutDnssecRecords(byte[] message, DnsType type)
    {
        if (!Dnssec.DnssecRecordFilter.HasDnssecRecords(message, type)) return null;
        var copy = message.ToArray();
        int length = Dnssec.DnssecRecordFilter.Strip(copy, copy.Length, type, rebuild: true);
        if (length == copy.Length) return null;
        var plain = copy[..length];
        var reader = new DnsMessageReader(plain);
        if (reader.ReadHeader(out var header) != DnsRejection.None || reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return null;
        var offsets = new List<int>();
        var ttls = new List<uint>();
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None) return null;
            if (record.Type == DnsType.OPT) continue;
            offsets.Add(record.TtlOffset);
            ttls.Add(record.Ttl);
        }
        return (plain, offsets.ToArray(), ttls.ToArray());
    }

    private void Remove(Entry entry)
    {
        _entries.Remove(entry.Key);
        if (entry.Node is not null) _recency.Remove(entry.Node);
    }

    private static Span<byte> MakeKey(ReadOnlySpan<byte> name, DnsType type, Span<byte> buffer)
    {
        for (int i = 0; i < name.Length; i++) buffer[i] = DnsName.Lower(name[i]);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[name.Length..], (ushort)type);
        return buffer[..(name.Length + 2)];
    }

    private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly KeyComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
        public int GetHashCode(ReadOnlySpan<byte> key)
        {
            var hash = new HashCode();
            hash.AddBytes(key);
            return hash.ToHashCode();
        }
    }
}
