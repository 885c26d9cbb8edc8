using System.Buffers.Binary;
using System.Net;
using Pint.Engine.Net;

namespace Pint.Engine.Config;

/// <summary>
/// Parses <c>[tag:x,...][set:x,]start[,end|,static][,netmask[,broadcast]][,lease-time]</c> (IPv4 only).
/// </summary>
internal static class DhcpRangeParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        var tags = new List<string>();
        var setTags = new List<string>();
        var i = TagList.TakeLeading(fields, tags, setTags);
        if (setTags.Count > 1) { line.Error("more than one set:tag; a range sets at most one tag"); return; }
        if (i == fields.Length) { line.Error("missing start address"); return; }

        if (fields.Skip(i).Any(f => f.StartsWith("constructor:", StringComparison.Ordinal) || ValueParser.LooksLikeIPv6(f)))
        {
            ParseIPv6(line, config, fields, i, tags, setTags.Count > 0 ? setTags[0] : null);
            return;
        }
        if (!ValueParser.TryIPv4(fields[i], out var start)) { line.Error($"bad start address '{fields[i]}'"); return; }

        IPAddress? end = null;
        var addresses = new List<IPAddress>(); // end, netmask, broadcast in that order
        var isStatic = false;
        TimeSpan? lease = null;
        for (i++; i < fields.Length; i++)
        {
            var field = fields[i];
            if (lease is not null) { line.Error($"unexpected '{field}' after the lease time"); return; }
            if (field == "static") isStatic = true;
            else if (field is "proxy" or "ra-only" or "ra-names" or "ra-stateless" or "slaac" or "ra-advrouter" or "off-link" or "deprecated")
            { line.Error($"range mode '{field}' is not supported yet"); return; }
            else if (ValueParser.TryIPv4(field, out var address)) addresses.Add(address);
            else if (ValueParser.TryLeaseTime(field, out var time)) lease = time;
            else { line.Error($"bad field '{field}': expected an address, 'static' or a lease time (45m, 12h, 1d, infinite)"); return; }
        }

        if (!isStatic)
        {
            if (addresses.Count == 0) { line.Error("missing end address (or 'static')"); return; }
            end = addresses[0];
            addresses.RemoveAt(0);
        }
        if (addresses.Count > 2) { line.Error("too many addresses: expected start,end[,netmask[,broadcast]]"); return; }
        var netmask = addresses.Count > 0 ? addresses[0] : null;
        var broadcast = addresses.Count > 1 ? addresses[1] : null;

        end ??= start;
        if (Ipv4.ToValue(start) > Ipv4.ToValue(end)) { line.Error($"start address {start} is after end address {end}"); return; }
        if (netmask is not null && !Ipv4.IsContiguousMask(netmask)) { line.Error($"bad netmask '{netmask}'"); return; }
        if (netmask is not null && (Ipv4.ToValue(start) & Ipv4.ToValue(netmask)) != (Ipv4.ToValue(end) & Ipv4.ToValue(netmask)))
        {
            line.Error($"start {start} and end {end} are not in the same subnet for netmask {netmask}");
            return;
        }

        config.Dhcp.RangeList.Add(new DhcpRange(start, end, netmask, broadcast, lease, isStatic,
            setTags.Count > 0 ? setTags[0] : null, tags, line.Source));
    }


    /// <summary>
    /// The IPv6 form, <c>START[,END|constructor:IFACE][,MODE...][,PREFIXLEN][,LEASE]</c>. As in dnsmasq a bare number
    /// up to 128 before the lease time is the prefix length (at least 64, default 64); a larger one is the lease time.
    /// </summary>
    private static void ParseIPv6(OptionLine line, PintConfig config, string[] fields, int i, List<string> tags, string? setTag)
    {
        if (!ValueParser.TryIPv6(fields[i], out var start)) { line.Error($"bad start address '{fields[i]}'"); return; }
        IPAddress? end = null;
        string? constructor = null;
        var modes = DhcpRange6Modes.None;
        var isStatic = false;
        var deprecated = false;
        int? prefix = null;
        TimeSpan? lease = null;
        for (i++; i < fields.Length; i++)
        {
            var field = fields[i];
            if (lease is not null || deprecated) { line.Error($"unexpected '{field}' after the lease time"); return; }
            if (field.StartsWith("constructor:", StringComparison.Ordinal))
            {
                if (constructor is not null) { line.Error("more than one constructor:"); return; }
                constructor = field[12..];
                if (constructor.Length == 0) { line.Error("missing interface name after 'constructor:'"); return; }
            }
            else if (ValueParser.TryIPv6(field, out var address))
            {
                if (end is not null || constructor is not null || modes != DhcpRange6Modes.None || isStatic || prefix is not null)
                { line.Error($"unexpected address '{field}': the end address follows the start address"); return; }
                end = address;
            }
            else if (field == "static") isStatic = true;
            else if (Mode(field) is { } mode) modes |= mode;
            else if (field is "proxy") { line.Error("range mode 'proxy' is IPv4 only"); return; }
            else if (field == "deprecated") deprecated = true;
            else if (prefix is null && ValueParser.TryInt(field, 0, 128, out var length))
            {
                if (length < 64) { line.Error($"prefix length must be at least 64 (got {length})"); return; }
                prefix = length;
            }
            else if (ValueParser.TryLeaseTime(field, out var time)) lease = time;
            else { line.Error($"bad field '{field}': expected an IPv6 address, constructor:IFACE, a mode (static, ra-only, ra-names, ra-stateless, ra-advrouter, slaac, off-link), a prefix length or a lease time"); return; }
        }

        var prefixLength = prefix ?? 64;
        if (end is null && !isStatic && modes == DhcpRange6Modes.None)
        { line.Error("bad dhcp-range: an IPv6 range needs an end address or a mode (static, ra-only, ra-stateless, slaac, ...)"); return; }
        if (end is not null)
        {
            var s = Ipv6Value(start);
            var e = Ipv6Value(end);
            if (s > e) { line.Error($"start address {start} is after end address {end}"); return; }
            var hostMask = prefixLength == 128 ? UInt128.Zero : UInt128.MaxValue >> prefixLength;
            if ((s & ~hostMask) != (e & ~hostMask)) { line.Error($"inconsistent DHCPv6 range: {start} and {end} are not in the same /{prefixLength}"); return; }
        }

        config.Dhcp.Range6List.Add(new DhcpRange6(start, end, prefixLength, lease, deprecated, isStatic, modes, constructor, setTag, tags, line.Source));
    }

    private static DhcpRange6Modes? Mode(string field) => field switch
    {
        "ra-only" => DhcpRange6Modes.RaOnly,
        "ra-names" => DhcpRange6Modes.RaNames,
        "ra-stateless" => DhcpRange6Modes.RaStateless,
        "ra-advrouter" => DhcpRange6Modes.RaAdvRouter,
        "slaac" => DhcpRange6Modes.Slaac,
        "off-link" => DhcpRange6Modes.OffLink,
        _ => null,
    };

    internal static UInt128 Ipv6Value(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
