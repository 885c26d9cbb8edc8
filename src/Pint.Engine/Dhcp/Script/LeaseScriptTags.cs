using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;

namespace Pint.Engine.Dhcp.Script;

/// <summary>
/// DNSMASQ_TAGS: the tags the client had in its exchange. The responder's tag set lives only inside one decision and
/// keeps no order, so the script's copy is worked out again from the same rules (only when a script is configured), in
/// the order dnsmasq 2.90 prints them: last set first (observed: "both lan special known qemu eth0" for interface eth0,
/// dhcp-mac qemu, a dhcp-host with set:special, range tag lan, tag-if both).
/// </summary>
internal static class LeaseScriptTags
{
    public static IReadOnlyList<string> For(DhcpRequest request, DhcpReceiveContext context, DhcpServerOptions options, LeaseStore leases, DateTimeOffset now, uint address)
    {
        var client = new DhcpClient(request, context, options, leases, now);
        var tags = new DhcpTags();
        var order = new List<string>();
        void Add(string? tag)
        {
            if (string.IsNullOrEmpty(tag) || tags.Has(tag)) return;
            tags.Add(tag);
            order.Add(tag);
        }

        Add(context.InterfaceName);
        foreach (var (tag, pattern) in options.MacMatches)
            if (HardwareAddressPattern.Matches(pattern, request.HardwareType, request.ClientHardwareAddress)) Add(tag);
        if (client.Host is { } host)
        {
            Add("known");
            foreach (var tag in host.SetTags ?? []) Add(tag);
        }
        foreach (var rule in options.Matches)
            if (request.TryGetOption(rule.OptionCode, out var value) && rule.Matches(value)) Add(rule.SetTag);
        foreach (var rule in options.NameMatches)
            if (rule.Matches(request.HostName)) Add(rule.SetTag);
        Add(client.RangeFor(address)?.SetTag);
        foreach (var rule in options.TagIfs)
            if (tags.Satisfies(rule.RequiredTags))
                foreach (var tag in rule.SetTags) Add(tag);
        order.Reverse();
        return order;
    }
}
