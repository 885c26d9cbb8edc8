using System.Globalization;
using System.Net;

namespace Pint.Engine.Config;

/// <summary>Builds <c>dhcp-host</c> and <c>dhcp-range</c> values for cmdlets, in the field order dnsmasq documents.</summary>
public static class DhcpHostFormatter
{
    /// <summary>
    /// <c>[mac,...][,id:client][,set:tag...][,tag:tag...][,address][,hostname][,lease][,ignore]</c>, skipping what is not given.
    /// The result parses back (through <see cref="ConfigLoader"/>) to the same fields.
    /// </summary>
    public static string Format(DhcpHost host)
    {
        var fields = new List<string>(host.HardwareAddresses);
        if (host.ClientId is not null) fields.Add("id:" + host.ClientId);
        fields.AddRange(host.SetTags.Select(t => "set:" + t));
        fields.AddRange(host.Tags.Select(t => "tag:" + t));
        if (host.Address is not null) fields.Add(host.Address.ToString());
        if (host.IPv6Address is not null) fields.Add($"[{host.IPv6Address}]");
        if (host.HostName is not null) fields.Add(host.HostName);
        if (host.LeaseTime is { } lease) fields.Add(FormatLeaseTime(lease));
        if (host.Ignore) fields.Add("ignore");
        return string.Join(',', fields);
    }

    /// <summary>
    /// Formats a lease time the way people write them: <c>infinite</c>, or the largest whole unit (<c>12h</c>, <c>45m</c>,
    /// <c>1d</c>), or seconds.
    /// </summary>
    public static string FormatLeaseTime(TimeSpan lease)
    {
        if (lease == Timeout.InfiniteTimeSpan) return "infinite";
        var seconds = (long)lease.TotalSeconds;
        foreach (var (unit, size) in new[] { ("w", 604800L), ("d", 86400L), ("h", 3600L), ("m", 60L) })
        {
            if (seconds > 0 && seconds % size == 0) return (seconds / size).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>[tag:x,...][set:x,]start,end|static[,netmask[,broadcast]][,lease]</c>.</summary>
    public static string FormatRange(DhcpRange range)
    {
        var fields = new List<string>(range.Tags.Select(t => "tag:" + t));
        if (range.SetTag is not null) fields.Add("set:" + range.SetTag);
        fields.Add(range.Start.ToString());
        fields.Add(range.IsStatic ? "static" : range.End.ToString());
        if (range.Netmask is not null) fields.Add(range.Netmask.ToString());
        if (range.Broadcast is not null) fields.Add(range.Broadcast.ToString());
        if (range.LeaseTime is { } lease) fields.Add(FormatLeaseTime(lease));
        return string.Join(',', fields);
    }
}
