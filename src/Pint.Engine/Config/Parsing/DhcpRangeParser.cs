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
            line.Error("IPv6 ranges are not supported yet");
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

}
