using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Management;

namespace Pint.Engine.Config;

/// <summary>
/// How an IPv6 <c>dhcp-range</c> gives addresses, as Set-PintDhcpRange -Mode names dnsmasq's keywords. At most one of
/// <see cref="Stateful"/> (<c>START,END</c>: DHCPv6 addresses), <see cref="Static"/> (<c>START,static</c>: only
/// <c>dhcp-host</c> addresses), <see cref="RaOnly"/> and <see cref="RaStateless"/>; <see cref="Slaac"/> and
/// <see cref="RaNames"/> add to any of them (alone, they make a range of router advertisements without DHCPv6 addresses).
/// </summary>
public enum Dhcp6RangeMode
{
    Stateful,
    Static,
    RaOnly,
    RaNames,
    RaStateless,
    Slaac,
}

/// <summary>
/// An IPv6 prefix as the cmdlets take it: <c>fd00:1::/64</c>, or Windows' <c>-Prefix fd00:1::</c> (then
/// <see cref="LengthGiven"/> is false and the length is 64, as a Windows DHCPv6 scope's always is).
/// </summary>
public readonly record struct Ipv6Prefix(IPAddress Network, int Length, bool LengthGiven)
{
    /// <summary>Reads <paramref name="text"/>; errors name <paramref name="parameter"/> (such as <c>-Prefix</c>).</summary>
    /// <exception cref="PintEditException">Not an IPv6 prefix dnsmasq takes (a length of 64 to 128, no host bits set).</exception>
    public static Ipv6Prefix Parse(string text, string parameter)
    {
        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/');
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 || addressText.Contains('%'))
            throw Dhcp6Editing.Invalid($"{parameter} '{text}' is not an IPv6 prefix; give it as fd00:1::/64 (or fd00:1::, as Windows' Add-DhcpServerv6Scope -Prefix does, for a /64). An IPv4 range takes -StartRange, -EndRange and -SubnetMask.");
        var length = 64;
        if (slash >= 0 && (!int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > 128))
            throw Dhcp6Editing.Invalid($"{parameter} '{text}': '{trimmed[(slash + 1)..]}' is not a prefix length (64 to 128).");
        if (length < 64)
            throw Dhcp6Editing.Invalid($"{parameter} '{text}': dnsmasq needs a prefix length of at least 64 for a DHCPv6 range (got /{length}).");
        var network = Dhcp6Editing.NetworkOf(address, length);
        if (!network.Equals(address))
            throw Dhcp6Editing.Invalid($"{parameter} '{text}' is not a network address: its network is {network}/{length}.");
        return new Ipv6Prefix(network, length, slash >= 0);
    }

    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && Dhcp6Editing.NetworkOf(address, Length).Equals(Network);

    /// <summary>The first address a whole-prefix range hands out (the network address plus one).</summary>
    public IPAddress First => Length == 128 ? Network : Dhcp6Editing.ToAddress(Dhcp6Editing.Value(Network) + 1);

    /// <summary>The last address of the prefix.</summary>
    public IPAddress Last => Dhcp6Editing.ToAddress(Dhcp6Editing.Value(Network) | Dhcp6Editing.HostMask(Length));

    public override string ToString() => $"{Network}/{Length.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The IPv6 edits of Set-PintDhcpRange (an IPv6 <c>dhcp-range=</c> line) and of Add/Get/Remove-PintHost (DUID
/// reservations, <c>dhcp-host=id:DUID,[address],name</c>), with the parameter names of Windows' *-DhcpServerv6* cmdlets.
/// Like the IPv4 edits they check everything before a line is written and change no other byte of the file.
/// </summary>
public static class Dhcp6Editing
{
    /// <summary>One object of Get-PintHost: the host, its address family, and the DUID of a DHCPv6 reservation.</summary>
    public sealed record HostView(PintHost Host, AddressFamily AddressFamily, string? ClientDuid);

    // ---- ranges -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Creates or changes an IPv6 range, as <see cref="DhcpRangeCatalog.Set"/> does an IPv4 one: the range changed is the
    /// one in <paramref name="prefix"/>, picked by <paramref name="name"/> (its set: tag) among several; a name no range
    /// has makes a new range, and so does a prefix without one. Values not given are kept from the line changed. Returns
    /// the range as written.
    /// </summary>
    public static DhcpRange6 SetRange(ConfigEditSession session, PintConfig config, Ipv6Prefix prefix, IPAddress? start, IPAddress? end,
        IReadOnlyCollection<Dhcp6RangeMode>? modes, TimeSpan? leaseTime, string? name)
    {
        if (start is not null) RequireV6(start, "-StartRange");
        if (end is not null) RequireV6(end, "-EndRange");
        if (name is not null && (name.Length == 0 || name.Any(c => c is ',' or ' ' or '#' or ':')))
            throw Invalid($"Range name '{name}' must be a non-empty tag without ',', ':', '#' or spaces.");
        if (leaseTime is { } l && l != TimeSpan.MaxValue && l < TimeSpan.FromSeconds(1))
            throw Invalid($"-LeaseDuration {l} is too short: a lease lasts at least one second.");
        var (requestedBase, slaac, raNames) = modes is null ? (null, false, false) : Modes(modes);

        var existing = RangeToChange(config, prefix, start, name);
        var kept = existing is not null && prefix.Contains(existing.Start) ? existing : null;
        var baseMode = requestedBase ?? (modes is not null ? null : existing is not null ? BaseOf(existing) : Dhcp6RangeMode.Stateful);
        // A range given with both ends hands out addresses: -Mode Slaac with -EndRange is dnsmasq's START,END,slaac.
        if (baseMode is null && end is not null) baseMode = Dhcp6RangeMode.Stateful;
        var ranged = baseMode == Dhcp6RangeMode.Stateful;
        if (!ranged && end is not null)
            throw Invalid($"-EndRange {end}: a {baseMode} range has no end address (dnsmasq writes START,{Keyword(baseMode)}); leave -EndRange out, or use -Mode Stateful.");

        var length = prefix.LengthGiven ? prefix.Length : kept?.PrefixLength ?? 64;
        IPAddress first, last;
        if (ranged)
        {
            first = start ?? (kept?.End is not null ? kept.Start : prefix.First);
            last = end ?? kept?.End ?? prefix.Last;
        }
        else
        {
            first = start ?? (kept is { End: null } ? kept.Start : prefix.Network);
            last = first;
        }
        foreach (var (address, what) in new[] { (first, "-StartRange"), (last, "-EndRange") })
        {
            if (!prefix.Contains(address))
                throw Invalid($"{what} {address} is not in -Prefix {prefix}.");
        }
        if (ranged && Value(first) > Value(last))
            throw Invalid($"-StartRange {first} is after -EndRange {last}.");
        if (ranged && !NetworkOf(first, length).Equals(NetworkOf(last, length)))
            throw Invalid($"-StartRange {first} and -EndRange {last} are not in the same /{length} (the prefix length of the range at {kept?.Source}); give -Prefix with a length to change it.");
        if (ranged)
        {
            foreach (var other in config.Dhcp.Ranges6)
            {
                if (ReferenceEquals(other, existing) || other.ConstructorInterface is not null || other.End is null) continue;
                if (Value(first) <= Value(other.End) && Value(other.Start) <= Value(last))
                    throw new PintEditException(PintEditError.AlreadyExists, $"{first}-{last} overlaps the range {other.Start}-{other.End} at {other.Source}.");
            }
        }

        var flags = existing?.Modes ?? DhcpRange6Modes.None;
        if (modes is not null)
        {
            flags &= DhcpRange6Modes.RaAdvRouter | DhcpRange6Modes.OffLink;
            if (baseMode == Dhcp6RangeMode.RaOnly) flags |= DhcpRange6Modes.RaOnly;
            if (baseMode == Dhcp6RangeMode.RaStateless) flags |= DhcpRange6Modes.RaStateless;
            if (slaac) flags |= DhcpRange6Modes.Slaac;
            if (raNames) flags |= DhcpRange6Modes.RaNames;
        }
        const DhcpRange6Modes advertised = DhcpRange6Modes.RaOnly | DhcpRange6Modes.RaStateless | DhcpRange6Modes.Slaac | DhcpRange6Modes.RaNames;
        if ((flags & advertised) != 0 && length != 64)
            throw Invalid($"-Prefix {NetworkOf(first, length)}/{length}: a range with router advertisements ({string.Join(", ", ModesOf(new DhcpRange6(first, null, length, null, false, false, flags, null, null, [], default)).Where(m => m is not Dhcp6RangeMode.Stateful))}) needs a /64 prefix, as dnsmasq says (\"prefix length must be exactly 64 for RA subnets\").");
        if (leaseTime == TimeSpan.MaxValue || leaseTime?.TotalSeconds >= uint.MaxValue) leaseTime = Timeout.InfiniteTimeSpan;
        var range = new DhcpRange6(
            first,
            ranged ? last : null,
            length,
            leaseTime ?? existing?.LeaseTime,
            leaseTime is null && (existing?.Deprecated ?? false),
            baseMode == Dhcp6RangeMode.Static,
            flags,
            null,
            name ?? existing?.SetTag,
            existing?.Tags ?? [],
            existing?.Source ?? default);
        var value = DnsmasqValue.DhcpRange6(range);
        if (existing is null) session.Append("dhcp-range", value);
        else session.Replace(session.EntryAt("dhcp-range", existing.Source) ?? throw RangeChanged(existing.Source), value);
        return range;
    }

    /// <summary>The -Mode values that describe <paramref name="range"/>: how it gives addresses, then slaac and ra-names.</summary>
    public static Dhcp6RangeMode[] ModesOf(DhcpRange6 range)
    {
        var modes = new List<Dhcp6RangeMode>();
        if (BaseOf(range) is { } b) modes.Add(b);
        if ((range.Modes & DhcpRange6Modes.Slaac) != 0) modes.Add(Dhcp6RangeMode.Slaac);
        if ((range.Modes & DhcpRange6Modes.RaNames) != 0) modes.Add(Dhcp6RangeMode.RaNames);
        return [.. modes];
    }

    /// <summary>
    /// An IPv6 range with the property names Get-PintDhcpRange gives an IPv4 one: ScopeId is the prefix's network
    /// (Windows' v6 scope id), EndRange the start for a range without an end (as for a static IPv4 range).
    /// </summary>
    public static PintDhcpRange Describe(DhcpRange6 r, string configPath) => new()
    {
        ScopeId = r.ConstructorInterface is null ? NetworkOf(r.Start, r.PrefixLength).ToString() : null,
        StartRange = r.Start.ToString(),
        AddressFamily = System.Net.Sockets.AddressFamily.InterNetworkV6,
        PrefixLength = r.PrefixLength,
        EndRange = (r.End ?? r.Start).ToString(),
        LeaseDuration = r.LeaseTime == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : r.LeaseTime,
        Name = r.SetTag,
        RequiredTags = [.. r.Tags],
        Static = r.IsStatic,
        Source = r.Source.File,
        Line = r.Source.Line,
        ConfigPath = configPath,
    };

    /// <summary>The range <see cref="SetRange"/> replaces, or null for a new one (as the IPv4 edit picks it).</summary>
    private static DhcpRange6? RangeToChange(PintConfig config, Ipv6Prefix prefix, IPAddress? start, string? name)
    {
        var ranges = config.Dhcp.Ranges6.Where(r => r.ConstructorInterface is null).ToList();
        var inPrefix = ranges.Where(r => prefix.Contains(r.Start)).ToList();
        List<DhcpRange6> candidates;
        if (name is null)
        {
            candidates = inPrefix;
        }
        else
        {
            var named = ranges.Where(r => string.Equals(r.SetTag, name, StringComparison.Ordinal)).ToList();
            candidates = named.Intersect(inPrefix).ToList() is { Count: > 0 } both ? both : named;
        }
        if (candidates.Count > 1 && start is not null && candidates.Count(r => r.Start.Equals(start)) == 1)
            return candidates.Single(r => r.Start.Equals(start));
        if (candidates.Count > 1)
        {
            var lines = string.Join(" and ", candidates.Select(r => $"{r.Start}-{r.End?.ToString() ?? "(no end)"} at {r.Source}"));
            var tags = candidates.Select(r => r.SetTag).Distinct().ToList();
            var how = name is null && tags.Count == candidates.Count && tags.All(t => t is not null)
                ? $"Say which one to change with -Name ({string.Join(", ", tags)}) or with the -StartRange it starts at."
                : "Say which one to change with the -StartRange it starts at, or give them different set: tags in the file and name one with -Name.";
            throw Invalid($"More than one IPv6 range could be the one meant in {prefix}: {lines}. {how}");
        }
        return candidates.SingleOrDefault();
    }

    private static Dhcp6RangeMode? BaseOf(DhcpRange6 r) =>
        r.IsStatic ? Dhcp6RangeMode.Static
        : (r.Modes & DhcpRange6Modes.RaOnly) != 0 ? Dhcp6RangeMode.RaOnly
        : (r.Modes & DhcpRange6Modes.RaStateless) != 0 ? Dhcp6RangeMode.RaStateless
        : r.End is not null ? Dhcp6RangeMode.Stateful
        : null;

    private static (Dhcp6RangeMode? Base, bool Slaac, bool RaNames) Modes(IReadOnlyCollection<Dhcp6RangeMode> modes)
    {
        foreach (var m in modes)
        {
            if (!Enum.IsDefined(m)) throw Invalid($"-Mode {(int)m} is not a mode; give Stateful, Static, RaOnly, RaStateless, Slaac or RaNames.");
        }
        var bases = modes.Where(m => m is Dhcp6RangeMode.Stateful or Dhcp6RangeMode.Static or Dhcp6RangeMode.RaOnly or Dhcp6RangeMode.RaStateless).Distinct().ToList();
        if (bases.Count > 1)
            throw Invalid($"-Mode {string.Join(", ", bases)}: these cannot be combined; give one of Stateful, Static, RaOnly and RaStateless, and add Slaac or RaNames to it if wanted.");
        return (bases.Count == 1 ? bases[0] : null, modes.Contains(Dhcp6RangeMode.Slaac), modes.Contains(Dhcp6RangeMode.RaNames));
    }

    private static string Keyword(Dhcp6RangeMode? mode) => mode switch
    {
        Dhcp6RangeMode.Static => "static",
        Dhcp6RangeMode.RaOnly => "ra-only",
        _ => "ra-stateless",
    };

    private static PintEditException RangeChanged(ConfigSource s) =>
        new(PintEditError.NotFound, $"The range at {s} is no longer there; the config changed. Run the command again.");

    // ---- reservations -------------------------------------------------------------------------------------------

    /// <summary>
    /// A DUID as dnsmasq's <c>id:</c> takes it, lower-case colon hex (<c>00:01:00:01:...</c>), from Windows' spelling
    /// (<c>00-01-00-01-...</c>), colon hex or plain hex (with or without <c>0x</c>); null when it is not 3 to 130 bytes of hex.
    /// </summary>
    public static string? NormalizeDuid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        string[] parts;
        if (trimmed.Contains('-') || trimmed.Contains(':'))
        {
            parts = trimmed.Split('-', ':');
            if (parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiHexDigit))) return null;
        }
        else
        {
            if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[2..];
            if (trimmed.Length % 2 != 0 || !trimmed.All(char.IsAsciiHexDigit)) return null;
            parts = Enumerable.Range(0, trimmed.Length / 2).Select(i => trimmed.Substring(2 * i, 2)).ToArray();
        }
        if (parts.Length is < 3 or > 130) return null;
        return string.Join(':', parts.Select(p => p.PadLeft(2, '0').ToLowerInvariant()));
    }

    /// <summary>
    /// Reserves <paramref name="address"/> for the DHCPv6 client <paramref name="duid"/>: <c>dhcp-host=id:DUID,[address],name</c>.
    /// A DUID that already has a DHCPv6 reservation gets the address added to its line (Windows reserves per IAID; dnsmasq
    /// hands a DUID's addresses to its IAs in turn), as long as the names agree.
    /// </summary>
    public static void AddReservation(ConfigEditSession session, PintConfig config, string? name, string duidText, IPAddress? address, Ipv6Prefix? prefix)
    {
        if (name is not null) name = HostNameText.Validate(name);
        var duid = NormalizeDuid(duidText)
            ?? throw Invalid($"-ClientDuid '{duidText}' is not a DUID: give its bytes in hex, as Windows shows them (00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95) or as dnsmasq writes them (00:01:00:01:...), 3 to 130 bytes.");
        if (address is null)
            throw Invalid("-IPAddress is missing: a DHCPv6 reservation (-ClientDuid) needs the IPv6 address to reserve.");
        RequireReservable(address);
        if (prefix is { } p && !p.Contains(address))
            throw Invalid($"-IPAddress {address} is not in -Prefix {p}.");

        DhcpHost? sameDuid = null;
        foreach (var h in config.Dhcp.Hosts)
        {
            if (Addresses6(h).Contains(address))
                throw new PintEditException(PintEditError.AlreadyExists, $"Address {address} is already reserved for {Describe(h)} at {h.Source}.");
            if (h.ClientId is not null && NormalizeDuid(h.ClientId) == duid && h.Address is null) sameDuid ??= h;
        }
        if (sameDuid is null)
        {
            session.Append("dhcp-host", DnsmasqValue.DhcpHost(new DhcpHost([], duid, null, name, null, false, [], [], default)
            {
                IPv6Address = address,
                IPv6Addresses = [address],
            }));
            return;
        }
        if (name is not null && sameDuid.HostName is not null && !HostCatalog.NameEquals(name, sameDuid.HostName))
            throw new PintEditException(PintEditError.AlreadyExists, $"ClientDuid {duid} is already reserved for '{sameDuid.HostName}' at {sameDuid.Source}, not for '{name}'. Remove it first (Remove-PintHost -ClientDuid {duid}) or give the same -Name.");
        var entry = session.EntryAt("dhcp-host", sameDuid.Source)
            ?? throw new PintEditException(PintEditError.NotFound, $"The reservation at {sameDuid.Source} is no longer there; the config changed. Run the command again.");
        // The new [address] goes after the line's last one (or after id:), the name where the line has none: the rest stays as written.
        var fields = (entry.Value ?? string.Empty).Split(',').ToList();
        var at = fields.FindLastIndex(f => f.Trim().StartsWith('[')) is >= 0 and var i ? i + 1
            : fields.FindIndex(f => f.Trim().StartsWith("id:", StringComparison.Ordinal)) + 1;
        fields.Insert(at, $"[{address}]");
        if (name is not null && sameDuid.HostName is null) fields.Insert(at + 1, name);
        session.Replace(entry, DnsmasqValue.Of(fields));
    }

    /// <summary>
    /// Removes the IPv6 <paramref name="addresses"/> from the dhcp-host line at <paramref name="file"/>:<paramref name="line"/>;
    /// the whole line when nothing that Get-PintHost lists is left of it (no IPv4 address and no other IPv6 one).
    /// </summary>
    public static void RemoveReservationAddresses(ConfigEditSession session, PintConfig config, string file, int line, IReadOnlyCollection<IPAddress> addresses)
    {
        var h = config.Dhcp.Hosts.FirstOrDefault(x => x.Source.Is(file, line));
        var entry = h is null ? null : session.EntryAt("dhcp-host", h.Source);
        var present = h is null ? [] : Addresses6(h);
        if (h is null || entry is null || addresses.Any(a => !present.Contains(a)))
            throw new PintEditException(PintEditError.NotFound, $"The reservation of {string.Join(", ", addresses)} is no longer at {file}:{line}; the config changed. Run Get-PintHost again.");
        if (h.Address is null && present.All(addresses.Contains))
        {
            session.Remove(entry);
            return;
        }
        var fields = (entry.Value ?? string.Empty).Split(',').Where(f =>
        {
            var t = f.Trim();
            return !(t.Length > 2 && t[0] == '[' && t[^1] == ']' && IPAddress.TryParse(t[1..^1], out var a) && addresses.Contains(a));
        });
        session.Replace(entry, DnsmasqValue.Of(fields));
    }

    /// <summary>
    /// The hosts of <see cref="HostCatalog.List"/>, each with its address family, and a DHCPv6 reservation's addresses
    /// as one object each (its DUID in ClientDuid), in the order of the file; a line with an IPv4 address gives that
    /// object first. Lines that reserve only IPv6 addresses without a name are listed too.
    /// </summary>
    public static IEnumerable<HostView> Hosts(PintConfig config, string configPath)
    {
        var hosts = config.Dhcp.Hosts;
        var index = new Dictionary<(string, int), int>();
        for (var i = 0; i < hosts.Count; i++) index.TryAdd((hosts[i].Source.File, hosts[i].Source.Line), i);
        var listed = new bool[hosts.Count];
        var next = 0;

        IEnumerable<HostView> Unlisted(int upTo)
        {
            for (; next < upTo; next++)
            {
                var h = hosts[next];
                if (listed[next] || h.HostName is not null || h.Address is not null) continue;
                foreach (var v in Views6(h, null, configPath)) yield return v;
            }
        }

        foreach (var p in HostCatalog.List(config, configPath))
        {
            if (p.Kind == PintHostKind.Reservation && index.TryGetValue((p.Source, p.Line), out var k))
            {
                foreach (var v in Unlisted(k)) yield return v;
                listed[k] = true;
                var h = hosts[k];
                if (h.Address is not null || Addresses6(h).Count == 0) yield return new HostView(p, AddressFamily.InterNetwork, null);
                foreach (var v in Views6(h, p, configPath)) yield return v;
                continue;
            }
            if (p.Kind == PintHostKind.HostsFile)
            {
                foreach (var v in Unlisted(hosts.Count)) yield return v;
            }
            var family = p.IPAddress is not null && IPAddress.TryParse(p.IPAddress, out var a) ? a.AddressFamily : AddressFamily.InterNetwork;
            yield return new HostView(p, family, null);
        }
        foreach (var v in Unlisted(hosts.Count)) yield return v;
    }

    /// <summary>True for what <see cref="Hosts"/> lists as a DHCPv6 reservation: a reservation whose address is IPv6.</summary>
    public static bool IsReservation6(PintHost host) =>
        host.Kind == PintHostKind.Reservation && host.IPAddress is not null
        && IPAddress.TryParse(host.IPAddress, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Whether two address texts name one address (IPv6 has many spellings: fd00:0::5 is fd00::5).</summary>
    public static bool SameAddress(string? a, string? b) =>
        a is not null && b is not null && (a == b || (IPAddress.TryParse(a, out var x) && IPAddress.TryParse(b, out var y) && x.Equals(y)
            && x.AddressFamily == AddressFamily.InterNetworkV6));

    private static IEnumerable<HostView> Views6(DhcpHost h, PintHost? listed, string configPath)
    {
        var duid = h.ClientId is null or "*" ? null : h.ClientId;
        foreach (var a in Addresses6(h))
        {
            yield return new HostView(new PintHost
            {
                Name = listed?.Name ?? h.HostName ?? string.Empty,
                IPAddress = a.ToString(),
                MacAddress = listed?.MacAddress ?? (h.HardwareAddresses.Count > 0 ? h.HardwareAddresses[0] : null),
                Kind = PintHostKind.Reservation,
                Source = h.Source.File,
                Line = h.Source.Line,
                ConfigPath = configPath,
            }, AddressFamily.InterNetworkV6, duid);
        }
    }

    private static IReadOnlyList<IPAddress> Addresses6(DhcpHost h) =>
        h.IPv6Addresses.Count > 0 ? h.IPv6Addresses : h.IPv6Address is { } a ? [a] : [];

    private static string Describe(DhcpHost h) =>
        h.HostName ?? (h.HardwareAddresses.Count > 0 ? h.HardwareAddresses[0] : h.ClientId is null ? "another host" : "id:" + h.ClientId);

    private static void RequireReservable(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            throw Invalid($"-IPAddress {address} is not an IPv6 address; a DHCPv6 reservation (-ClientDuid) reserves an IPv6 one. For an IPv4 reservation give -MacAddress instead.");
        if (address.IsIPv4MappedToIPv6 || address.IsIPv6Multicast || address.IsIPv6LinkLocal || address.Equals(IPAddress.IPv6Any))
            throw Invalid($"-IPAddress {address} cannot be reserved: give a unicast address of a DHCPv6 range's prefix (or its host part, such as ::5).");
    }

    private static void RequireV6(IPAddress address, string what)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6)
            throw Invalid($"{what} {address} is not an IPv6 address; an IPv6 range (-Prefix) takes IPv6 addresses.");
        if (address.ScopeId != 0)
            throw Invalid($"{what} {address} has a zone (%); dnsmasq takes range addresses without one.");
    }

    // ---- addresses ----------------------------------------------------------------------------------------------

    internal static PintEditException Invalid(string message) => new(PintEditError.InvalidValue, message);

    internal static UInt128 Value(IPAddress address) => DhcpRangeParser.Ipv6Value(address);

    internal static UInt128 HostMask(int length) => length >= 128 ? UInt128.Zero : UInt128.MaxValue >> length;

    internal static IPAddress NetworkOf(IPAddress address, int length) => ToAddress(Value(address) & ~HostMask(length));

    internal static IPAddress ToAddress(UInt128 value)
    {
        var bytes = new byte[16];
        for (var i = 15; i >= 0; i--, value >>= 8) bytes[i] = (byte)(value & 0xff);
        return new IPAddress(bytes);
    }
}
