using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// One client as seen during one exchange: its request, the network it is on (the relay's if relayed, else the
/// receiving interface's), its <c>dhcp-host</c> reservation, its tags and its current lease.
/// </summary>
internal sealed class DhcpClient
{
    private const int DefaultRelayPrefixLength = 24;

    public DhcpClient(DhcpRequest request, DhcpReceiveContext context, DhcpServerOptions options, LeaseStore leases, DateTimeOffset now)
    {
        Request = request;
        Context = context;
        IsRelayed = request.RelayAddress != 0;
        NetworkAddress = IsRelayed ? request.RelayAddress : context.AddressValue;

        Host = FindHost(options.Hosts, request, byClientIdOnly: true) ?? FindHost(options.Hosts, request, byClientIdOnly: false);

        Tags.Add(context.InterfaceName);
        if (Host is not null)
        {
            Tags.Add("known");
            foreach (var tag in Host.SetTags ?? []) Tags.Add(tag);
        }
        foreach (var rule in options.Matches)
            if (request.TryGetOption(rule.OptionCode, out var value) && rule.Matches(value))
                Tags.Add(rule.SetTag);
        foreach (var (tag, pattern) in options.MacMatches)
            if (HardwareAddressPattern.Matches(pattern, request.HardwareType, request.ClientHardwareAddress)) Tags.Add(tag);
        foreach (var rule in options.NameMatches)
            if (rule.Matches(request.HostName)) Tags.Add(rule.SetTag);

        var ranges = new List<DhcpRange>(options.Ranges.Count);
        foreach (var range in options.Ranges)
            if (IsOnNetwork(range) && Tags.Satisfies(range.RequiredTags)) ranges.Add(range);
        Ranges = ranges;
        CurrentLease = FindLease(leases, now);
    }

    public DhcpRequest Request { get; }
    public DhcpReceiveContext Context { get; }
    public bool IsRelayed { get; }
    /// <summary>An address on the client's network: giaddr when relayed, else our interface address.</summary>
    public uint NetworkAddress { get; }
    public DhcpHostReservation? Host { get; }
    public DhcpTags Tags { get; } = new();
    /// <summary>The ranges on the client's network whose tags the client satisfies.</summary>
    public IReadOnlyList<DhcpRange> Ranges { get; }
    /// <summary>The client's unexpired lease on any network, or null.</summary>
    public DhcpLease? CurrentLease { get; }

    public uint MaskOf(DhcpRange range) =>
        range.Netmask is { } mask ? Ipv4.ToValue(mask) : IsRelayed ? Ipv4.MaskOf(DefaultRelayPrefixLength) : Context.Mask;

    private bool IsOnNetwork(DhcpRange range)
    {
        var mask = MaskOf(range);
        return (range.StartValue & mask) == (NetworkAddress & mask);
    }

    /// <summary>The range on the client's network containing <paramref name="address"/> (any range, static included, for reservations).</summary>
    public DhcpRange? RangeFor(uint address)
    {
        foreach (var range in Ranges)
            if (range.Contains(address)) return range;
        foreach (var range in Ranges)
            if ((address & MaskOf(range)) == (range.StartValue & MaskOf(range))) return range;
        return null;
    }

    /// <summary>The first reservation matching the client (with <paramref name="byClientIdOnly"/>: only those naming a client-id).</summary>
    private static DhcpHostReservation? FindHost(IReadOnlyList<DhcpHostReservation> hosts, DhcpRequest request, bool byClientIdOnly)
    {
        foreach (var host in hosts)
            if ((!byClientIdOnly || host.ClientId is not null) && host.Matches(request.HardwareType, request.ClientHardwareAddress, request.ClientId))
                return host;
        return null;
    }

    /// <summary>Whether <paramref name="lease"/> belongs to this client: same client-id, or same hardware address when either lacks one.</summary>
    public bool Owns(DhcpLease lease) =>
        Request.ClientId is not null && lease.ClientId is not null
            ? string.Equals(lease.ClientId, Request.ClientId, StringComparison.OrdinalIgnoreCase)
            : string.Equals(lease.HardwareAddress, Request.HardwareAddressText, StringComparison.OrdinalIgnoreCase);

    private DhcpLease? FindLease(LeaseStore leases, DateTimeOffset now)
    {
        var lease = Request.ClientId is { } id ? leases.FindByClientId(id) : null;
        lease ??= leases.FindByHardwareAddress(Request.HardwareAddressText).FirstOrDefault(Owns);
        return lease is null || lease.IsExpiredAt(now) ? null : lease;
    }
}
