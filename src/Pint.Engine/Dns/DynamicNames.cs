using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Net;

namespace Pint.Engine.Dns;

/// <summary>
/// Names handed out by DHCP while the server runs. They answer like local names, forward and reverse; with a domain
/// set, a bare name also answers as name.domain and its address's PTR gives the full name. A change republishes
/// only the records it touches (the names' own and their addresses' PTR), so a lease costs the same with ten named
/// clients or ten thousand; readers never lock.
/// </summary>
public sealed class DynamicNames
{
    private readonly Lock _gate = new(); // writers only
    private readonly string? _domain;
    private readonly uint _ttl;

    // What the DHCP side said (name and family -> address: a dual-stack host holds one IPv4 and one IPv6 address under
    // one name, from DHCPv4 and DHCPv6 each), and which entries feed each published owner and each address's PTR, in
    // the order they came: the first name given an address is the one its PTR answers with.
    private readonly Dictionary<NameEntry, IPAddress> _names = new(NameEntry.Comparer);
    private readonly Dictionary<string, List<NameEntry>> _ownersFedBy = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<IPAddress, List<NameEntry>> _namesOfAddress = [];

    /// <summary>One name of one address family.</summary>
    private readonly record struct NameEntry(string Name, AddressFamily Family)
    {
        public static readonly IEqualityComparer<NameEntry> Comparer = new EntryComparer();

        private sealed class EntryComparer : IEqualityComparer<NameEntry>
        {
            public bool Equals(NameEntry x, NameEntry y) => x.Family == y.Family && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);
            public int GetHashCode(NameEntry e) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(e.Name), e.Family);
        }
    }

    // Published: read by DNS threads without a lock.
    private readonly ConcurrentDictionary<byte[], LocalNameRecords> _owners = new(DnsNameComparer.Instance);
    private readonly ConcurrentDictionary<byte[], LocalNameRecords>.AlternateLookup<ReadOnlySpan<byte>> _ownerLookup;
    private readonly ConcurrentDictionary<uint, LocalNameRecords> _ipv4PtrOwners = new();
    private volatile int _published; // records published; 0 lets a lookup skip hashing the name

    public DynamicNames(string? domain, int ttl)
    {
        _domain = domain;
        _ttl = (uint)Math.Max(0, ttl);
        _ownerLookup = _owners.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The records of a DHCP name (or, for IPv6, of a reverse name), or null.</summary>
    public LocalNameRecords? Find(ReadOnlySpan<byte> name) =>
        _published > 0 && _ownerLookup.TryGetValue(name, out var records) ? records : null;

    /// <summary>The owner whose name the PTR of an IPv4 reverse name gives, or null.</summary>
    public LocalNameRecords? FindIPv4PtrOwner(ReadOnlySpan<byte> reverseName) =>
        _published > 0 && DnsName.TryParseIPv4Reverse(reverseName, out uint address) && _ipv4PtrOwners.TryGetValue(address, out var owner) ? owner : null;

    public void AddOrUpdate(string name, IPAddress address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(address);
        DnsName.FromText(name); // validate now: a bad DHCP hostname must fail here, not at query time
        var entry = new NameEntry(name.TrimEnd('.'), address.AddressFamily);
        lock (_gate)
        {
            if (_names.TryGetValue(entry, out var current))
            {
                if (current.Equals(address)) return; // a renewal hands over the same name and address again
                Detach(entry, current);
            }
            _names[entry] = address;
            Attach(entry, address);
        }
    }

    /// <summary>
    /// Withdraws a name: its address of <paramref name="family"/> only (a DHCPv4 release leaves the host's DHCPv6
    /// address named), or of both families when null.
    /// </summary>
    public bool Remove(string name, AddressFamily? family = null)
    {
        name = name.TrimEnd('.');
        var removed = false;
        lock (_gate)
        {
            foreach (var each in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                if (family is { } only && only != each) continue;
                var entry = new NameEntry(name, each);
                if (!_names.Remove(entry, out var address)) continue;
                Detach(entry, address);
                removed = true;
            }
        }
        return removed;
    }

    private void Attach(NameEntry entry, IPAddress address)
    {
        foreach (var owner in OwnersOf(entry.Name))
        {
            Fed(_ownersFedBy, owner).Add(entry);
            PublishOwner(owner);
        }
        Fed(_namesOfAddress, address).Add(entry);
        PublishPtr(address);
    }

    private void Detach(NameEntry entry, IPAddress address)
    {
        foreach (var owner in OwnersOf(entry.Name))
        {
            Unfeed(_ownersFedBy, owner, entry);
            PublishOwner(owner);
        }
        Unfeed(_namesOfAddress, address, entry);
        PublishPtr(address);
    }

    /// <summary>The owner names a DHCP name answers as: itself, and name.domain when it is bare and a domain is set.</summary>
    private IEnumerable<string> OwnersOf(string name)
    {
        yield return name;
        if (FullName(name) is var full && !ReferenceEquals(full, name)) yield return full;
    }

    private string FullName(string name) => LocalZone.ExpandedName(name, _domain);

    /// <summary>Rebuilds one owner from the names that feed it (usually one).</summary>
    private void PublishOwner(string owner)
    {
        var wire = DnsName.FromText(owner);
        LocalNameRecords? records = null;
        if (_ownersFedBy.TryGetValue(owner, out var names))
        {
            records = new LocalNameRecords(wire) { AddressTtl = _ttl };
            foreach (var entry in names) records.AddAddress(_names[entry].GetAddressBytes());
        }
        Publish(_owners, wire, records);
    }

    /// <summary>The PTR of <paramref name="address"/>: the full name of the first name still holding it.</summary>
    private void PublishPtr(IPAddress address)
    {
        LocalNameRecords? owner = null;
        if (_namesOfAddress.TryGetValue(address, out var names) && _owners.TryGetValue(DnsName.FromText(FullName(names[0].Name)), out var records))
            owner = records;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Publish(_ipv4PtrOwners, Ipv4.ToValue(address), owner);
            return;
        }
        var reverse = DnsName.ReverseOf(address);
        LocalNameRecords? ptr = null;
        if (owner is not null)
        {
            ptr = new LocalNameRecords(reverse) { AddressTtl = _ttl };
            ptr.AddPtr(owner.Name);
        }
        Publish(_owners, reverse, ptr);
    }

    /// <summary>Sets or (null) removes one published entry, keeping the count readers check first.</summary>
    private void Publish<TKey>(ConcurrentDictionary<TKey, LocalNameRecords> published, TKey key, LocalNameRecords? records) where TKey : notnull
    {
        if (records is null)
        {
            if (published.TryRemove(key, out _)) _published--;
        }
        else if (published.TryAdd(key, records)) _published++;
        else published[key] = records;
    }

    private static List<NameEntry> Fed<TKey>(Dictionary<TKey, List<NameEntry>> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var names)) map[key] = names = [];
        return names;
    }

    private static void Unfeed<TKey>(Dictionary<TKey, List<NameEntry>> map, TKey key, NameEntry entry) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var names)) return;
        names.RemoveAll(n => NameEntry.Comparer.Equals(n, entry));
        if (names.Count == 0) map.Remove(key);
    }
}
