using System.Buffers.Binary;
using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Options;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>
/// An address range made concrete for one link: <see cref="Start"/>..<see cref="End"/> as 128-bit numbers, on the
/// /<see cref="PrefixLength"/> prefix. A constructor: range becomes one pool per matching interface prefix.
/// </summary>
public sealed record Dhcp6Pool(UInt128 Start, UInt128 End, int PrefixLength, TimeSpan LeaseTime, bool Deprecated, bool IsStateful,
    string? SetTag, IReadOnlyList<string> Tags, ConfigSource Source)
{
    public UInt128 PrefixMask => PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - PrefixLength);

    public bool OnPrefix(UInt128 address) => (address & PrefixMask) == (Start & PrefixMask);

    public bool Contains(UInt128 address) => address >= Start && address <= End;

    public static UInt128 ToValue(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    public static IPAddress ToAddress(UInt128 value)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b, value);
        return new IPAddress(b);
    }

    /// <summary>
    /// The pools of <paramref name="range"/> on a link whose own addresses are <paramref name="linkAddresses"/> (with
    /// their prefix lengths): a plain range when the link has an address on its prefix (dnsmasq serves a range only
    /// there), a constructor: range completed from each matching address's prefix.
    /// </summary>
    public static IEnumerable<Dhcp6Pool> ForLink(DhcpRange6 range, string linkName, IReadOnlyList<(IPAddress Address, int PrefixLength)> linkAddresses)
    {
        var start = ToValue(range.Start);
        var end = range.End is { } e ? ToValue(e) : start;
        var lease = range.EffectiveLeaseTime;
        if (lease != Timeout.InfiniteTimeSpan && lease < TimeSpan.FromMinutes(2)) lease = TimeSpan.FromMinutes(2); // dnsmasq's minimum
        if (range.ConstructorInterface is { } pattern)
        {
            if (!NameMatches(pattern, linkName)) yield break;
            var seen = new HashSet<UInt128>();
            foreach (var (address, length) in linkAddresses)
            {
                if (address.IsIPv6LinkLocal) continue;
                var prefixLength = Math.Max(length, 0);
                var mask = prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixLength);
                var network = ToValue(address) & mask;
                if (!seen.Add(network)) continue;
                yield return new Dhcp6Pool(network | (start & ~mask), network | (end & ~mask), Math.Max(range.PrefixLength, prefixLength), lease,
                    range.Deprecated, range.IsStateful, range.SetTag, range.Tags, range.Source);
            }
            yield break;
        }
        var pool = new Dhcp6Pool(start, end, range.PrefixLength, lease, range.Deprecated, range.IsStateful, range.SetTag, range.Tags, range.Source);
        foreach (var (address, _) in linkAddresses)
            if (!address.IsIPv6LinkLocal && pool.OnPrefix(ToValue(address))) { yield return pool; yield break; }
    }

    /// <summary>The pools of a plain (not constructor:) range whose prefix holds a relay's link-address.</summary>
    public static Dhcp6Pool? ForRelay(DhcpRange6 range, IPAddress linkAddress)
    {
        if (range.ConstructorInterface is not null) return null;
        var start = ToValue(range.Start);
        var lease = range.EffectiveLeaseTime;
        if (lease != Timeout.InfiniteTimeSpan && lease < TimeSpan.FromMinutes(2)) lease = TimeSpan.FromMinutes(2);
        var pool = new Dhcp6Pool(start, range.End is { } e ? ToValue(e) : start, range.PrefixLength, lease, range.Deprecated, range.IsStateful, range.SetTag, range.Tags, range.Source);
        return pool.OnPrefix(ToValue(linkAddress)) ? pool : null;
    }

    private static bool NameMatches(string pattern, string name) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : pattern == name;
}

/// <summary>The link a message came from: its name (a tag, as in dnsmasq), this server's addresses there, and the pools served on it.</summary>
public sealed record Dhcp6Link(string Name, IReadOnlyList<IPAddress> ServerAddresses, IReadOnlyList<Dhcp6Pool> Pools);

/// <summary>A dhcp-host line as DHCPv6 uses it.</summary>
public sealed record Dhcp6HostReservation(byte[]? ClientId, IReadOnlyList<string> HardwareAddresses, string? HostName,
    IReadOnlyList<IPAddress> Addresses, TimeSpan? LeaseTime, bool Ignore, IReadOnlyList<string> SetTags)
{
    public static Dhcp6HostReservation? From(DhcpHost host)
    {
        byte[]? id = null;
        if (host.ClientId is { } text && text != "*")
        {
            if (!Dhcp6Duid.TryParse(text, out var parsed)) return null; // a DHCPv4 client id in text form: not a DUID
            id = parsed;
        }
        if (id is null && host.HardwareAddresses.Count == 0 && host.HostName is null) return null;
        return new Dhcp6HostReservation(id, host.HardwareAddresses, host.HostName, host.IPv6Addresses, host.LeaseTime, host.Ignore, host.SetTags);
    }
}

/// <summary>Everything the responder needs that comes from the config.</summary>
public sealed record Dhcp6ServerOptions
{
    public required byte[] ServerDuid { get; init; }
    public IReadOnlyList<DhcpRange6> Ranges { get; init; } = [];
    public IReadOnlyList<Dhcp6OptionValue> Options { get; init; } = [];
    public IReadOnlyList<Dhcp6HostReservation> Hosts { get; init; } = [];
    /// <summary>dhcp-rapid-commit: a SOLICIT with Rapid Commit gets a committed REPLY.</summary>
    public bool RapidCommit { get; init; }
    /// <summary>DNS is served (port is not 0): with no option6:dns-server configured, this server's address is sent, as dnsmasq does.</summary>
    public bool DnsEnabled { get; init; }
    /// <summary>
    /// The domain leased names are qualified with (the <c>domain=</c> line without a subnet, as for DHCPv4): sent back
    /// in the Client FQDN option of a reply that binds a named lease, and the suffix the name answers with in DNS.
    /// </summary>
    public string? Domain { get; init; }
    /// <summary>dhcp-ignore-names: tag sets under which a client's own name (not a dhcp-host one) is not used.</summary>
    public IReadOnlyList<IReadOnlyList<string>> IgnoreNames { get; init; } = [];
    public int ServerPort { get; init; } = 547;
    public int ClientPort { get; init; } = 546;

    public static Dhcp6ServerOptions FromConfig(PintConfig config, byte[] serverDuid)
    {
        var options = new List<Dhcp6OptionValue>();
        foreach (var o in config.Dhcp.Options6)
            if (Dhcp6OptionEncoder.TryEncode(o.Number, o.Values, out var data, out var slots, out _))
                options.Add(new Dhcp6OptionValue((ushort)o.Number, data, slots, o.Tags, o.Force));
        var hosts = config.Dhcp.Hosts.Concat(config.Dhcp.HostsFileHosts).Select(Dhcp6HostReservation.From).OfType<Dhcp6HostReservation>().ToList();
        return new Dhcp6ServerOptions
        {
            ServerDuid = serverDuid,
            Ranges = config.Dhcp.Ranges6,
            Options = options,
            Hosts = hosts,
            RapidCommit = config.Dhcp.RapidCommit,
            DnsEnabled = config.Dns.Port != 0,
            Domain = config.Dns.Domains.FirstOrDefault(d => d.Subnet is null)?.Name,
            IgnoreNames = config.Dhcp.IgnoreNames,
        };
    }
}
