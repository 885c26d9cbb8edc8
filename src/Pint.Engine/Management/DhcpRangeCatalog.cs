using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;

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
        });

    /// <summary>
    /// Creates or changes a range. The range to change is the one with the same <paramref name="name"/> tag when a
    /// name is given, else the one that starts at <paramref name="start"/>; with none, a line is appended.
    /// </summary>
    public static void Set(ConfigEditSession session, PintConfig config, IPAddress start, IPAddress end, IPAddress? netmask, TimeSpan? leaseTime, string? name)
    {
        RequireV4(start, "StartRange"); RequireV4(end, "EndRange");
        if (netmask is not null) RequireMask(netmask);
        if (Compare(start, end) > 0)
            throw new PintEditException(PintEditError.InvalidValue, $"StartRange {start} is after EndRange {end}.");
        if (netmask is not null && !Network(start, netmask).Equals(Network(end, netmask)))
            throw new PintEditException(PintEditError.InvalidValue, $"{start} and {end} are not in the same {netmask} subnet.");
        if (name is not null && (name.Length == 0 || name.Any(c => c is ',' or ' ' or '#' or ':')))
            throw new PintEditException(PintEditError.InvalidValue, $"Range name '{name}' must be a non-empty tag without ',', ':', '#' or spaces.");

        var existing = name is not null
            ? config.Dhcp.Ranges.FirstOrDefault(r => string.Equals(r.SetTag, name, StringComparison.Ordinal))
            : config.Dhcp.Ranges.FirstOrDefault(r => r.Start.Equals(start));
        foreach (var other in config.Dhcp.Ranges)
        {
            if (ReferenceEquals(other, existing)) continue;
            if (Compare(start, other.End) <= 0 && Compare(other.Start, end) <= 0)
                throw new PintEditException(PintEditError.AlreadyExists, $"{start}-{end} overlaps the range {other.Start}-{other.End} at {other.Source}.");
        }

        if (leaseTime == TimeSpan.MaxValue) leaseTime = Timeout.InfiniteTimeSpan;
        var value = DhcpHostFormatter.FormatRange(new DhcpRange(
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

    public static void Remove(ConfigEditSession session, PintConfig config, PintDhcpRange range)
    {
        var r = config.Dhcp.Ranges.FirstOrDefault(x => x.Source.Is(range.Source, range.Line) && x.Start.ToString() == range.StartRange)
            ?? throw Changed(new ConfigSource(range.Source, range.Line));
        session.Remove(session.EntryAt("dhcp-range", r.Source) ?? throw Changed(r.Source));
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
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
        // A valid mask is ones then zeros: inverting and adding one gives a power of two.
        if (((~bits + 1) & ~bits) != 0)
            throw new PintEditException(PintEditError.InvalidValue, $"SubnetMask {mask} is not a contiguous netmask.");
    }

    private static PintEditException Changed(ConfigSource s) =>
        new(PintEditError.NotFound, $"The range at {s} is no longer there; the config changed. Run Get-PintDhcpRange again.");
}
