using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>All local records of one owner name, with RDATA encoded once so answering only copies bytes.</summary>
public sealed class LocalNameRecords(byte[] name)
{
    private int _rotation = -1;

    public byte[] Name { get; } = name;
    public List<byte[]> A { get; } = [];
    public List<byte[]> Aaaa { get; } = [];
    public uint AddressTtl { get; set; }
    public byte[]? CnameTarget { get; set; }
    public uint CnameTtl { get; set; }
    /// <summary>MX RDATA prefix (preference) and target name, kept apart so the target can be compressed.</summary>
    public List<(ushort Preference, byte[] Target)> Mx { get; } = [];
    public List<(ushort Priority, ushort Weight, ushort Port, byte[] Target)> Srv { get; } = [];
    public List<byte[]> Txt { get; } = [];
    public List<byte[]> Ptr { get; } = [];

    /// <summary>Where this query's round-robin starts (dnsmasq rotates several addresses on each answer).</summary>
    public int NextRotation() => Interlocked.Increment(ref _rotation) & int.MaxValue;
}

/// <summary>
/// Local names (hosts files, host-record, cname, mx-host, srv-host, txt-record, ptr-record, automatic PTR),
/// built once; lookups by a span name read from a packet do not allocate.
/// </summary>
public sealed class LocalZone
{
    private readonly Dictionary<byte[], LocalNameRecords> _names = new(DnsNameComparer.Instance);
    private readonly Dictionary<byte[], LocalNameRecords>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public LocalZone() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<byte>>();

    public static readonly LocalZone Empty = new();

    public int Count => _names.Count;

    public LocalNameRecords? Find(ReadOnlySpan<byte> name) => _lookup.TryGetValue(name, out var r) ? r : null;

    public LocalNameRecords GetOrAdd(string name)
    {
        var wire = DnsName.FromText(name);
        if (!_names.TryGetValue(wire, out var records)) _names[wire] = records = new LocalNameRecords(wire);
        return records;
    }

    /// <summary>
    /// Adds a name/address pair and, when the address has no PTR yet, the automatic reverse record (first name read wins).
    /// <paramref name="domain"/>: when set and the name is bare, the name also answers as name.domain and PTR gives the full name.
    /// </summary>
    public void AddAddress(string name, IPAddress address, uint ttl, string? domain)
    {
        name = name.TrimEnd('.');
        string fullName = domain is not null && !name.Contains('.') ? $"{name}.{domain.TrimEnd('.')}" : name;
        AddAddressRecord(GetOrAdd(name), address, ttl);
        if (!ReferenceEquals(fullName, name)) AddAddressRecord(GetOrAdd(fullName), address, ttl);
        var reverse = GetOrAdd(DnsName.ToText(DnsName.ReverseOf(address)));
        if (reverse.Ptr.Count == 0)
        {
            reverse.Ptr.Add(DnsName.FromText(fullName));
            reverse.AddressTtl = ttl;
        }
    }

    private static void AddAddressRecord(LocalNameRecords records, IPAddress address, uint ttl)
    {
        var list = address.AddressFamily == AddressFamily.InterNetwork ? records.A : records.Aaaa;
        var bytes = address.GetAddressBytes();
        if (!list.Exists(b => b.AsSpan().SequenceEqual(bytes))) list.Add(bytes);
        records.AddressTtl = ttl;
    }

    /// <summary>Builds the static zone from the options, in dnsmasq's read order.</summary>
    public static LocalZone Build(DnsServerOptions options)
    {
        var zone = new LocalZone();
        uint localTtl = (uint)Math.Max(0, options.LocalTtl);
        foreach (var ptr in options.PtrEntries)
            zone.GetOrAdd(ptr.Name).Ptr.Add(DnsName.FromText(ptr.Target));
        foreach (var host in options.HostNames)
        {
            string? domain = host.ExpandHosts && options.ExpandHosts ? options.Domain : null;
            zone.AddAddress(host.Name, host.Address, host.Ttl is int t ? (uint)Math.Max(0, t) : localTtl, domain);
        }
        foreach (var cname in options.Cnames)
        {
            var alias = zone.GetOrAdd(cname.Alias);
            alias.CnameTarget = DnsName.FromText(cname.Target);
            alias.CnameTtl = cname.Ttl is int t ? (uint)Math.Max(0, t) : localTtl;
        }
        foreach (var mx in options.MxEntries)
            zone.GetOrAdd(mx.Name).Mx.Add((mx.Preference, DnsName.FromText(mx.Target)));
        foreach (var srv in options.SrvEntries)
            zone.GetOrAdd(srv.Name).Srv.Add((srv.Priority, srv.Weight, srv.Port, DnsName.FromText(srv.Target)));
        foreach (var txt in options.TxtEntries)
            zone.GetOrAdd(txt.Name).Txt.Add(EncodeTxt(txt.Strings));
        return zone;
    }

    /// <summary>TXT RDATA: each string as length-prefixed character-strings, long ones split at 255 bytes.</summary>
    public static byte[] EncodeTxt(IReadOnlyList<string> strings)
    {
        using var stream = new MemoryStream();
        foreach (var s in strings)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(s);
            int pos = 0;
            do
            {
                int len = Math.Min(255, bytes.Length - pos);
                stream.WriteByte((byte)len);
                stream.Write(bytes, pos, len);
                pos += len;
            } while (pos < bytes.Length);
        }
        return stream.ToArray();
    }

    internal static void WriteSrvFixed(Span<byte> destination, ushort priority, ushort weight, ushort port)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, priority);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], port);
    }
}
