using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Net;

namespace Pint.Engine.Management;

/// <summary>The dhcp-range= lines of a config as Windows-style scopes, and the edits Set/Remove-PintDhcpRange make.</summary>
public static class DhcpRangeCatalog
{
    public static IEnumerable<PintDhcpRange> List(PintConfig config, string configPath) =>
        config.Dhcp.Ranges.Select(r => new PintDhcpRange
        {
            ScopeId = r.Netmask is null ? null : Network(r.Start, r.Netmask).ToString(),
            StartRange = r.Start.ToString(),
            EndRange = r.End.ToString(),
            SubnetMask = r.Netmask?.ToString(),
            Broadcast = r.Broadcast?.ToString(),
            // PowerShell users say "infinite" as [TimeSpan]::MaxValue; the engine uses Timeout.InfiniteTimeSpan.
            LeaseDuration = r.LeaseTime == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : r.LeaseTime,
            Name = r.SetTag,
            RequiredTags = r.Tags.ToArray(),
            Static = r.IsStatic,
            Source = r.Source.File,
            Line = r.Source.Line,
            ConfigPath = configPath,
        }).Concat(config.Dhcp.Ranges6.Select(r => Dhcp6Editing.Describe(r, configPath)));

    /// <summary>
    /// Creates or changes a range. As Windows names a scope by its network (ScopeId), the range changed is the one in
    /// the subnet of <paramref name="start"/>, or in <paramref name="scopeId"/> when given; <paramref name="name"/>
    /// picks among them by tag (a name no range has, without a scope id, makes a new range). A range without a netmask
    /// counts as a /24, its real mask comes from the interface at run time. With no range found a line is appended (so
    /// rows of a Windows scope export, ScopeId included, create their ranges).
    /// </summary>
    public static void Set(ConfigEditSession session, PintConfig config, IPAddress start, IPAddress end, IPAddress? netmask, TimeSpan? leaseTime, string? name, IPAddress? scopeId = null)
    {
        RequireV4(start, "StartRange"); RequireV4(end, "EndRange");
        if (scopeId is not null) RequireV4(scopeId, "ScopeId");
        if (netmask is not null) RequireMask(netmask);
        if (Compare(start, end) > 0)
            throw new PintEditException(PintEditError.InvalidValue, $"StartRange {start} is after EndRange {end}.");
        if (netmask is not null && !Network(start, netmask).Equals(Network(end, netmask)))
            throw new PintEditException(PintEditError.InvalidValue, $"{start} and {end} are not in the same {netmask} subnet.");
        if (name is not null && (name.Length == 0 || name.Any(c => c is ',' or ' ' or '#' or ':')))
            throw new PintEditException(PintEditError.InvalidValue, $"Range name '{name}' must be a non-empty tag without ',', ':', '#' or spaces.");

        var existing = RangeToChange(config, start, netmask, name, scopeId);
        if (scopeId is not null)
        {
            var mask = netmask ?? existing?.Netmask ?? AssumedNetmask;
            if (!Network(scopeId, mask).Equals(scopeId))
                throw new PintEditException(PintEditError.InvalidValue, $"ScopeId {scopeId} is not a network address for the mask {mask}; its network is {Network(scopeId, mask)}.");
            if (!Network(start, mask).Equals(scopeId) || !Network(end, mask).Equals(scopeId))
                throw new PintEditException(PintEditError.InvalidValue, $"{start}-{end} is not in the scope {scopeId} (mask {mask}).");
        }
        foreach (var other in config.Dhcp.Ranges)
        {
            if (ReferenceEquals(other, existing)) continue;
            if (Compare(start, other.End) <= 0 && Compare(other.Start, end) <= 0)
                throw new PintEditException(PintEditError.AlreadyExists, $"{start}-{end} overlaps the range {other.Start}-{other.End} at {other.Source}.");
        }
        // A kept mask must still hold both ends, or dnsmasq refuses the line.
        if (netmask is null && existing?.Netmask is { } keptMask && !Network(start, keptMask).Equals(Network(end, keptMask)))
            throw new PintEditException(PintEditError.InvalidValue, $"{start} and {end} are not in the same {keptMask} subnet (the mask of the range at {existing.Source}); give -SubnetMask to change it.");

        if (leaseTime == TimeSpan.MaxValue) leaseTime = Timeout.InfiniteTimeSpan;
        var value = DnsmasqValue.DhcpRange(new DhcpRange(
            start,
            existing is { IsStatic: true } ? start : end,
            netmask ?? existing?.Netmask,
            netmask is null ? existing?.Broadcast : null,
            leaseTime ?? existing?.LeaseTime,
            existing?.IsStatic ?? false,
            name ?? existing?.SetTag,
            existing?.Tags ?? Array.Empty<string>(),
            existing?.Source ?? default));

        if (existing is null) session.Append("dhcp-range", value);
        else session.Replace(session.EntryAt("dhcp-range", existing.Source) ?? throw Changed(existing.Source), value);
    }

    /// <summary>The mask a range without one is taken to have when matching it to a subnet or scope id.</summary>
    private static readonly IPAddress AssumedNetmask = IPAddress.Parse("255.255.255.0");

    /// <summary>
    /// The range <see cref="Set"/> replaces, or null for a new one. Among several candidates the one that already
    /// starts at <paramref name="start"/> wins; otherwise the caller must say which.
    /// </summary>
    private static DhcpRange? RangeToChange(PintConfig config, IPAddress start, IPAddress? netmask, string? name, IPAddress? scopeId)
    {
        IPAddress SubnetOf(DhcpRange r, IPAddress address) => Network(address, r.Netmask ?? netmask ?? AssumedNetmask);
        var ranges = config.Dhcp.Ranges.Where(r => r.Start.AddressFamily == AddressFamily.InterNetwork).ToList();
        var inScope = scopeId is null
            ? ranges.Where(r => SubnetOf(r, r.Start).Equals(SubnetOf(r, start))).ToList()
            : ranges.Where(r => SubnetOf(r, r.Start).Equals(scopeId)).ToList();
        List<DhcpRange> candidates;
        if (name is null)
        {
            candidates = inScope;
        }
        else
        {
            var named = ranges.Where(r => string.Equals(r.SetTag, name, StringComparison.Ordinal)).ToList();
            // With -ScopeId the scope's range gets the name when none of its ranges has it; without, a new name is a new range.
            candidates = named.Intersect(inScope).ToList() is { Count: > 0 } both ? both
                : scopeId is not null ? inScope
                : named;
        }
        if (candidates.Count > 1 && candidates.Count(r => r.Start.Equals(start)) == 1)
            return candidates.Single(r => r.Start.Equals(start));
        if (candidates.Count > 1)
            throw Ambiguous(candidates, start, netmask, name, scopeId);
        return candidates.SingleOrDefault();
    }

    private static PintEditException Ambiguous(List<DhcpRange> candidates, IPAddress start, IPAddress? netmask, string? name, IPAddress? scopeId)
    {
        var lines = string.Join(" and ", candidates.Select(r => $"{r.Start}-{r.End} at {r.Source}"));
        var hints = new List<string>();
        var tags = candidates.Select(r => r.SetTag).Distinct().ToList();
        if (name is null && tags.Count == candidates.Count && tags.All(t => t is not null))
            hints.Add("-Name (" + string.Join(", ", tags) + ")");
        var scopes = candidates.Select(r => Network(r.Start, r.Netmask ?? netmask ?? AssumedNetmask)).Distinct().ToList();
        if (scopeId is null && scopes.Count == candidates.Count)
            hints.Add("-ScopeId (" + string.Join(", ", scopes) + ")");
        var how = hints.Count > 0
            ? "Say which one to change with " + string.Join(" or ", hints) + "."
            : "Give them different set: tags in the file, then name the one to change with -Name.";
        return new PintEditException(PintEditError.InvalidValue, $"More than one range could be the one {start} belongs to: {lines}. {how}");
    }

    public static void Remove(ConfigEditSession session, PintConfig config, PintDhcpRange range)
    {
        var source = config.Dhcp.Ranges.FirstOrDefault(x => x.Source.Is(range.Source, range.Line) && x.Start.ToString() == range.StartRange)?.Source
            ?? config.Dhcp.Ranges6.FirstOrDefault(x => x.Source.Is(range.Source, range.Line) && x.Start.ToString() == range.StartRange)?.Source
            ?? throw Changed(new ConfigSource(range.Source, range.Line));
        session.Remove(session.EntryAt("dhcp-range", source) ?? throw Changed(source));
    }

    /// <summary>The range an address belongs to (for a lease's ScopeId), if any.</summary>
    public static DhcpRange? Containing(PintConfig config, IPAddress address) =>
        config.Dhcp.Ranges.FirstOrDefault(r => r.Start.AddressFamily == address.AddressFamily && Compare(r.Start, address) <= 0 && Compare(address, r.End) <= 0)
        ?? config.Dhcp.Ranges.FirstOrDefault(r => r.Netmask is not null && address.AddressFamily == AddressFamily.InterNetwork && Network(r.Start, r.Netmask).Equals(Network(address, r.Netmask)));

    public static IPAddress Network(IPAddress address, IPAddress mask)
    {
        var a = address.GetAddressBytes();
        var m = mask.GetAddressBytes();
        for (var i = 0; i < a.Length; i++) a[i] &= m[i];
        return new IPAddress(a);
    }

    public static int Compare(IPAddress a, IPAddress b)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        if (x.Length != y.Length) return x.Length.CompareTo(y.Length);
        for (var i = 0; i < x.Length; i++) if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        return 0;
    }

    private static void RequireV4(IPAddress a, string what)
    {
        if (a.AddressFamily != AddressFamily.InterNetwork)
            throw new PintEditException(PintEditError.InvalidValue, $"{what} {a} is not an IPv4 address; Pint serves DHCPv4 ranges only.");
    }

    private static void RequireMask(IPAddress mask)
    {
        RequireV4(mask, "SubnetMask");
        if (!Ipv4.IsContiguousMask(mask))
            throw new PintEditException(PintEditError.InvalidValue, $"SubnetMask {mask} is not a contiguous netmask.");
    }

    private static PintEditException Changed(ConfigSource s) =>
        new(PintEditError.NotFound, $"The range at {s} is no longer there; the config changed. Run Get-PintDhcpRange again.");
}
