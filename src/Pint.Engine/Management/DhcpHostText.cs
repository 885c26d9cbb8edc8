using Pint.Engine.Config;

namespace Pint.Engine.Management;

/// <summary>Writes a reservation back as a dhcp-host= value, field by field, in dnsmasq's usual order.</summary>
public static class DhcpHostText
{
    public static string Format(DhcpHost h)
    {
        var parts = new List<string>();
        parts.AddRange(h.Tags.Select(t => "tag:" + t));
        parts.AddRange(h.SetTags.Select(t => "set:" + t));
        parts.AddRange(h.HardwareAddresses);
        if (h.ClientId is not null) parts.Add("id:" + h.ClientId);
        if (h.HostName is not null) parts.Add(h.HostName);
        if (h.Address is not null) parts.Add(h.Address.ToString());
        if (h.LeaseTime is { } t) parts.Add(LeaseTimeText.Format(t));
        if (h.Ignore) parts.Add("ignore");
        return string.Join(',', parts);
    }
}
