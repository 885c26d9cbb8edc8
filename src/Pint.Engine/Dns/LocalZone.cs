using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Net;

namespace Pint.Engine.Dns;

/// <summary>
/// All local records of one owner name, with RDATA encoded once so answering only copies bytes. Arrays, empty
/// shared until used: a hosts file of 20,000 names makes 40,000 of these (forward and reverse), so each must be small.
/// Filled while the zone is built, read-only afterwards.
/// </summary>
public sealed class LocalNameRecords(byte[] name)
{
    /// <summary>The rarer records, in an object of their own so a plain host name does not pay for them.</summary>
    private sealed class Extras
    {
        public byte[]? CnameTarget;
        public uint CnameTtl;
        public (ushort Preference, byte[] Target)[] Mx = [];
        public (ushort Priority, ushort Weight, ushort Port, byte[] Target)[] Srv = [];
        public byte[][] Txt = [];
    }

    private int _rotation = -1;
    private Extras? _extras;

    public byte[] Name { get; } = name;
    public byte[][] A { get; private set; } = [];
    public byte[][] Aaaa { get; private set; } = [];
    public uint AddressTtl { get; set; }
    public byte[]? CnameTarget => _extras?.CnameTarget;
    public uint CnameTtl => _extras?.CnameTtl ?? 0;
    /// <summary>MX RDATA prefix (preference) and target name, kept apart so the target can be compressed.</summary>
    public (ushort Preference, byte[] Target)[] Mx => _extras?.Mx ?? [];
    public (ushort Priority, ushort Weight, ushort Port, byte[] Target)[] Srv => _extras?.Srv ?? [];
    public byte[][] Txt => _extras?.Txt ?? [];
    public byte[][] Ptr { get; private set; } = [];

    /// <summary>Adds an address unless it is there already (a hosts file may repeat a line).</summary>
    public void AddAddress(byte[] address)
    {
        if (address.Length == 4) A = AppendDistinct(A, address);
        else Aaaa = AppendDistinct(Aaaa, address);
    }

    public void SetCname(byte[] target, uint ttl)
    {
        var extras = _extras ??= new Extras();
        extras.CnameTarget = target;
        extras.CnameTtl = ttl;
    }

    public void AddMx(ushort preference, byte[] target) => (_extras ??= new Extras()).Mx = [.. Mx, (preference, target)];
    public void AddSrv(ushort priority, ushort weight, ushort port, byte[] target) => (_extras ??= new Extras()).Srv = [.. Srv, (priority, weight, port, target)];
    public void AddTxt(byte[] rdata) => (_extras ??= new Extras()).Txt = [.. Txt, rdata];
    public void AddPtr(byte[] target) => Ptr = [.. Ptr, target];

    /// <summary>Where this query's round-robin starts (dnsmasq rotates several addresses on each answer).</summary>
    public int NextRotation() => Interlocked.Increment(ref _rotation) & int.MaxValue;

    private static byte[][] AppendDistinct(byte[][] list, byte[] item)
    {
        foreach (var existing in list)
            if (existing.AsSpan().SequenceEqual(item)) return list;
        return [.. list, item];
    }
}

/// <summary>
/// Local names (hosts files, host-record, cname, mx-host, srv-host, txt-record, ptr-record, automatic PTR),
/// built once; lookups by a span name read from a packet do not allocate.
/// </summary>
public sealed class LocalZone
{
    private readonly Dictionary<byte[], LocalNameRecords> _names = new(DnsNameComparer.Instance);
    private readonly Dictionary<byte[], LocalNameRecords>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly Dictionary<uint, LocalNameRecords> _ipv4PtrOwners = [];

    public LocalZone() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<byte>>();

    public static readonly LocalZone Empty = new();

    public int Count => _names.Count;

    public LocalNameRecords? Find(ReadOnlySpan<byte> name) => _lookup.TryGetValue(name, out var r) ? r : null;

    /// <summary>
    /// The owner of the automatic PTR of an IPv4 reverse name (its first name), or null. Kept apart from the names:
    /// a records object per address would double the memory of a large hosts file for data that is one reference.
    /// </summary>
    public LocalNameRecords? FindIPv4PtrOwner(ReadOnlySpan<byte> reverseName) =>
        _ipv4PtrOwners.Count > 0 && DnsName.TryParseIPv4Reverse(reverseName, out uint address) && _ipv4PtrOwners.TryGetValue(address, out var owner) ? owner : null;

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
        string fullName = ExpandedName(name, domain);
        var records = GetOrAdd(name);
        AddAddressRecord(records, address, ttl);
        if (!ReferenceEquals(fullName, name)) AddAddressRecord(records = GetOrAdd(fullName), address, ttl);
        var reverseName = DnsName.ReverseOf(address);
        if (Find(reverseName) is { Ptr.Length: > 0 }) return; // a ptr-record= line says otherwise
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            _ipv4PtrOwners.TryAdd(Ipv4.ToValue(address), records);
            return;
        }
        var reverse = GetOrAdd(DnsName.ToText(reverseName));
        reverse.AddPtr(records.Name); // the owner's wire name, shared rather than encoded again
        reverse.AddressTtl = ttl;
    }

    /// <summary>
    /// expand-hosts: the name a bare <paramref name="name"/> also answers as (name.domain), or <paramref name="name"/>
    /// itself (the same instance) when it has a dot or there is no domain.
    /// </summary>
    public static string ExpandedName(string name, string? domain) =>
        domain is not null && !name.Contains('.') ? $"{name}.{domain.TrimEnd('.')}" : name;

    private static void AddAddressRecord(LocalNameRecords records, IPAddress address, uint ttl)
    {
        records.AddAddress(address.GetAddressBytes());
        records.AddressTtl = ttl;
    }

    /// <summary>Builds the static zone from the options, in dnsmasq's read order.</summary>
    public static LocalZone Build(DnsServerOptions options)
    {
        var zone = new LocalZone();
        uint localTtl = (uint)Math.Max(0, options.LocalTtl);
        foreach (var ptr in options.PtrEntries)
            zone.GetOrAdd(ptr.Name).AddPtr(DnsName.FromText(ptr.Target));
        foreach (var host in options.HostNames)
        {
            string? domain = host.ExpandHosts && options.ExpandHosts ? options.Domain : null;
            zone.AddAddress(host.Name, host.Address, host.Ttl is int t ? (uint)Math.Max(0, t) : localTtl, domain);
        }
        foreach (var cname in options.Cnames)
        {
            var alias = zone.GetOrAdd(cname.Alias);
            alias.SetCname(DnsName.FromText(cname.Target), cname.Ttl is int t ? (uint)Math.Max(0, t) : localTtl);
        }
        foreach (var mx in options.MxEntries)
            zone.GetOrAdd(mx.Name).AddMx(mx.Preference, DnsName.FromText(mx.Target));
        foreach (var srv in options.SrvEntries)
            zone.GetOrAdd(srv.Name).AddSrv(srv.Priority, srv.Weight, srv.Port, DnsName.FromText(srv.Target));
        foreach (var txt in options.TxtEntries)
            zone.GetOrAdd(txt.Name).AddTxt(EncodeTxt(txt.Strings));
        // Grown by doubling, the tables would keep up to twice the entries' room for the life of the zone
        // (20,000 names: 1.7 MiB of entry arrays instead of 0.9).
        zone._names.TrimExcess();
        zone._ipv4PtrOwners.TrimExcess();
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
