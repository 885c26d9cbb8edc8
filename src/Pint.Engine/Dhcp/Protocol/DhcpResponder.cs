using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// The DHCPv4 protocol (RFC 2131/2132) as a function: request packet + where it came in + lease table + now
/// -> what to send, where, and which lease to commit first. It reads the <see cref="LeaseStore"/> but never
/// changes it; the server applies <see cref="DhcpDecision.LeaseToCommit"/> and friends.
/// </summary>
public sealed class DhcpResponder
{
    private readonly DhcpServerOptions _options;
    private readonly LeaseStore _leases;
    private readonly AddressAllocator _allocator;
    private readonly DhcpReplyBuilder _replies;

    public DhcpResponder(DhcpServerOptions options, LeaseStore leases)
    {
        _options = options;
        _leases = leases;
        _allocator = new AddressAllocator(options, leases);
        _replies = new DhcpReplyBuilder(options);
    }

    /// <summary>Reads <paramref name="packet"/> and answers it (see the overload taking a request read already).</summary>
    public DhcpDecision Respond(ReadOnlySpan<byte> packet, DhcpReceiveContext context, DateTimeOffset now)
    {
        var request = DhcpRequest.TryParse(packet, out var problem);
        return request is null ? DhcpDecision.Drop(DhcpDropReason.Malformed, problem) : Respond(request, context, now);
    }

    /// <summary>Answers a request the server has read once on receipt.</summary>
    public DhcpDecision Respond(DhcpRequest request, DhcpReceiveContext context, DateTimeOffset now)
    {
        if (context.InterfaceName is { } nic && _options.NoDhcpInterfaces.Contains(nic, StringComparer.Ordinal))
            return DhcpDecision.Drop(DhcpDropReason.InterfaceNotServed, $"no-dhcp-interface={nic}");
        if (request.ClientHardwareAddress.Length == 0 && request.MessageType != DhcpMessageType.Inform)
            return DhcpDecision.Drop(DhcpDropReason.Malformed, "no client hardware address");
        if (_options.IgnoreClientId) request.IgnoreClientId();
        var client = new DhcpClient(request, context, _options, _leases, now);
        if (client.Host?.Ignore == true) return DhcpDecision.Drop(DhcpDropReason.HostIgnored, "client ignored by dhcp-host");
        if (_options.IgnoreTags.Any(client.Tags.Satisfies)) return DhcpDecision.Drop(DhcpDropReason.HostIgnored, "client ignored by dhcp-ignore");
        return request.MessageType switch
        {
            DhcpMessageType.Discover => Discover(client, now),
            DhcpMessageType.Request => Request(client, now),
            DhcpMessageType.Decline => Decline(client, now),
            DhcpMessageType.Release => Release(client),
            DhcpMessageType.Inform => Inform(client),
            _ => DhcpDecision.Drop(DhcpDropReason.NotClientMessage, $"{request.MessageType} is not a client message"),
        };
    }

    private DhcpDecision Discover(DhcpClient client, DateTimeOffset now)
    {
        var address = ChooseOffer(client, now);
        if (address is null) return DhcpDecision.Drop(DhcpDropReason.NoAddressAvailable, $"no address available for {client.Request.HardwareAddressText}");
        var range = client.RangeFor(address.Value)!;
        // RFC 4039: a client that asks for rapid commit is acknowledged at once, when the config allows it.
        if (_options.RapidCommit && client.Request.TryGetOption(DhcpOptionCode.RapidCommit, out _))
            return Acknowledge(client, address.Value, range, now, rapidCommit: true);
        FinishTags(client, range);
        var reply = _replies.Build(client, DhcpMessageType.Offer, address.Value, LeaseTime(client, range), client.Host?.Name);
        var hold = new DhcpLease(Ipv4.ToAddress(address.Value), client.Request.HardwareAddressText, null, client.Request.ClientId, now + _options.OfferHoldTime);
        return Send(client, reply, DhcpMessageType.Offer, address.Value) with { OfferToHold = hold };
    }

    private uint? ChooseOffer(DhcpClient client, DateTimeOffset now)
    {
        if (_allocator.Reserved(client) is { } reserved)
            return _allocator.IsAvailable(client, reserved, now) ? reserved : null;
        if (client.CurrentLease is { } lease && Ipv4.ToValue(lease.Address) is var current && _allocator.IsAvailable(client, current, now))
            return current;
        if (_leases.Count >= _options.LeaseMax) return null;
        if (client.Request.RequestedAddress is { } wanted && _allocator.IsAvailable(client, wanted, now))
            return wanted;
        // A client asking again while its offer is held gets the same address (the walk would skip it as held).
        if (_leases.HeldOfferFor(client.Request.HardwareAddressText, now) is { } held && client.Owns(held)
            && Ipv4.ToValue(held.Address) is var heldAddress && client.RangeFor(heldAddress) is { Static: false }
            && _allocator.IsAvailable(client, heldAddress, now))
            return heldAddress;
        return _allocator.PickFree(client, now);
    }

    private DhcpDecision Request(DhcpClient client, DateTimeOffset now)
    {
        var request = client.Request;
        uint address;
        if (request.ServerIdentifier is { } serverId)
        {
            // SELECTING: the client chose among offers; if not ours, stay silent.
            if (serverId != client.Context.AddressValue) return DhcpDecision.Drop(DhcpDropReason.ForAnotherServer, "client selected another server");
            if (request.RequestedAddress is not { } selected) return DhcpDecision.Drop(DhcpDropReason.NoAddressRequested, "SELECTING request without requested address (50)");
            address = selected;
        }
        else
        {
            // INIT-REBOOT names the address in option 50; RENEWING/REBINDING in ciaddr.
            address = request.RequestedAddress ?? request.ClientAddress;
            if (address == 0) return DhcpDecision.Drop(DhcpDropReason.NoAddressRequested, "request names no address");
            var knownHere = client.CurrentLease is { } held && Ipv4.ToValue(held.Address) == address;
            if (!knownHere)
            {
                if (client.CurrentLease is not null && client.RangeFor(Ipv4.ToValue(client.CurrentLease.Address)) is not null)
                    return Nak(client, "wrong address");
                if (!_options.Authoritative) return DhcpDecision.Drop(DhcpDropReason.NotAuthoritative, "no lease record for this client (not authoritative)");
            }
        }

        if (client.RangeFor(address) is not { } range) return Nak(client, "wrong network");
        if (_allocator.Reserved(client) is { } reserved && reserved != address) return Nak(client, "address reserved for this client is different");
        if (!_allocator.IsAvailable(client, address, now)) return Nak(client, "address not available");
        if (client.CurrentLease is null && _leases.Count >= _options.LeaseMax) return Nak(client, "no leases left");
        return Acknowledge(client, address, range, now, rapidCommit: false);
    }

    /// <summary>The ACK that grants <paramref name="address"/>, with the lease the server commits before sending it.</summary>
    private DhcpDecision Acknowledge(DhcpClient client, uint address, DhcpRange range, DateTimeOffset now, bool rapidCommit)
    {
        var request = client.Request;
        FinishTags(client, range);
        var leaseTime = LeaseTime(client, range);
        // dhcp-ignore-names: the name the client gives itself is not taken (a reservation's name still is).
        var ownName = _options.IgnoreNames.Any(client.Tags.Satisfies) ? null : request.HostName;
        // A client that sends no name keeps the one its lease of this address has, as dnsmasq keeps it.
        var kept = request.HostName is null && client.CurrentLease is { } held && Ipv4.ToValue(held.Address) == address ? held.HostName : null;
        var hostName = client.Host?.Name ?? ownName ?? kept ?? GeneratedName(client);
        var lease = new DhcpLease(
            Ipv4.ToAddress(address),
            request.HardwareAddressText,
            hostName,
            request.ClientId,
            leaseTime == Timeout.InfiniteTimeSpan ? null : now + leaseTime);
        var reply = _replies.Build(client, DhcpMessageType.Ack, address, leaseTime, hostName, rapidCommit: rapidCommit);
        return Send(client, reply, DhcpMessageType.Ack, address) with { LeaseToCommit = lease };
    }

    /// <summary>dhcp-generate-names: the MAC in hex, dashes between its bytes, for a client with the tags and no name.</summary>
    private string? GeneratedName(DhcpClient client) =>
        _options.GenerateNames.Any(client.Tags.Satisfies) ? client.Request.HardwareAddressText.Replace(':', '-') : null;

    private DhcpDecision Decline(DhcpClient client, DateTimeOffset now)
    {
        var request = client.Request;
        if (request.ServerIdentifier != client.Context.AddressValue) return DhcpDecision.Drop(DhcpDropReason.ForAnotherServer, "DECLINE for another server");
        if (request.RequestedAddress is not { } address) return DhcpDecision.Drop(DhcpDropReason.NoAddressRequested, "DECLINE without requested address (50)");
        return new DhcpDecision
        {
            AddressToDecline = Ipv4.ToAddress(address),
            DeclinedUntil = now + _options.DeclineHoldTime,
        };
    }

    private DhcpDecision Release(DhcpClient client)
    {
        var request = client.Request;
        if (request.ServerIdentifier is { } id && id != client.Context.AddressValue) return DhcpDecision.Drop(DhcpDropReason.ForAnotherServer, "RELEASE for another server");
        var address = Ipv4.ToAddress(request.ClientAddress);
        if (_leases.FindByAddress(address) is not { } lease || !client.Owns(lease))
            return DhcpDecision.Drop(DhcpDropReason.NotHeldByClient, "RELEASE of an address this client does not hold");
        return new DhcpDecision { AddressToRelease = address };
    }

    private DhcpDecision Inform(DhcpClient client)
    {
        if (client.Request.ClientAddress == 0) return DhcpDecision.Drop(DhcpDropReason.InformWithoutAddress, "INFORM without ciaddr");
        FinishTags(client, client.RangeFor(client.Request.ClientAddress));
        var reply = _replies.Build(client, DhcpMessageType.Ack, 0, leaseTime: null, client.Host?.Name);
        return Send(client, reply, DhcpMessageType.Ack, 0);
    }

    private DhcpDecision Nak(DhcpClient client, string reason)
    {
        var reply = _replies.Build(client, DhcpMessageType.Nak, 0, null, null, reason);
        return Send(client, reply, DhcpMessageType.Nak, 0) with { Detail = reason };
    }

    /// <summary>Range tag, then tag-if rules in order, as the last step before options are chosen.</summary>
    private void FinishTags(DhcpClient client, DhcpRange? range)
    {
        client.Tags.Add(range?.SetTag);
        foreach (var rule in _options.TagIfs)
            if (client.Tags.Satisfies(rule.RequiredTags))
                foreach (var tag in rule.SetTags) client.Tags.Add(tag);
    }

    private static TimeSpan LeaseTime(DhcpClient client, DhcpRange range) =>
        client.Host?.LeaseTime ?? range.LeaseTime ?? DhcpServerOptions.DefaultLeaseTime;

    /// <summary>
    /// RFC 2131 4.1: relay first, then ciaddr, then broadcast for NAKs, the broadcast flag and dhcp-broadcast's tags,
    /// else unicast to yiaddr.
    /// </summary>
    private DhcpDecision Send(DhcpClient client, byte[] reply, DhcpMessageType type, uint yourAddress)
    {
        var request = client.Request;
        var (destination, address, port) =
            request.RelayAddress != 0 ? (DhcpReplyDestination.Relay, request.RelayAddress, _options.RelayPort)
            : request.ClientAddress != 0 && type != DhcpMessageType.Nak ? (DhcpReplyDestination.ClientAddress, request.ClientAddress, _options.ClientPort)
            : type == DhcpMessageType.Nak || (request.Flags & 0x8000) != 0 || yourAddress == 0 || _options.BroadcastTags.Any(client.Tags.Satisfies)
                ? (DhcpReplyDestination.Broadcast, uint.MaxValue, _options.ClientPort)
            : (DhcpReplyDestination.YourAddress, yourAddress, _options.ClientPort);
        return new DhcpDecision
        {
            Reply = reply,
            ReplyType = type,
            Destination = destination,
            DestinationAddress = Ipv4.ToAddress(address),
            DestinationPort = port,
            ClientHardwareAddress = request.ClientHardwareAddress,
            YourAddress = Ipv4.ToAddress(yourAddress),
        };
    }
}
