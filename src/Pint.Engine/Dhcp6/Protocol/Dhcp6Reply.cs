using System.Net;
using Pint.Engine.Dhcp6.Wire;

namespace Pint.Engine.Dhcp6.Protocol;

public sealed record Dhcp6ReplyAddress(IPAddress Address, uint PreferredLifetime, uint ValidLifetime);

public sealed record Dhcp6Status(Dhcp6StatusCode Code, string Message);

/// <summary>One IA_NA of a reply: its addresses, or a status saying why there are none.</summary>
public sealed record Dhcp6ReplyIa(uint Iaid, uint T1, uint T2, IReadOnlyList<Dhcp6ReplyAddress> Addresses, Dhcp6Status? Status);

/// <summary>A reply as the responder decides it; <see cref="Dhcp6ReplyWriter"/> puts it on the wire (inside RELAY-REPLs when relayed).</summary>
public sealed class Dhcp6Reply
{
    public required Dhcp6MessageType Type { get; init; }
    public required uint TransactionId { get; init; }
    public required byte[] ClientId { get; init; }
    public required byte[] ServerId { get; init; }
    public IReadOnlyList<Dhcp6ReplyIa> IaNa { get; init; } = [];
    public Dhcp6Status? Status { get; init; }
    public byte? Preference { get; init; }
    public bool RapidCommit { get; init; }
    public IReadOnlyList<(ushort Code, byte[] Data)> Options { get; init; } = [];
    public IReadOnlyList<Dhcp6Relay> Relays { get; init; } = [];
}

/// <summary>Writes a <see cref="Dhcp6Reply"/>; relayed replies are wrapped in one RELAY-REPL per RELAY-FORW, echoing Interface-Id.</summary>
public static class Dhcp6ReplyWriter
{
    /// <summary>The bytes to send; null when they would not fit in <paramref name="maxLength"/>.</summary>
    public static byte[]? Write(Dhcp6Reply reply, int maxLength = 65535)
    {
        var buffer = new byte[maxLength];
        var writer = new Dhcp6Writer(buffer);
        writer.WriteHeader(reply.Type, reply.TransactionId);
        if (reply.ClientId.Length > 0) writer.WriteOption(Dhcp6OptionCode.ClientId, reply.ClientId);
        writer.WriteOption(Dhcp6OptionCode.ServerId, reply.ServerId);
        foreach (var ia in reply.IaNa)
        {
            var mark = writer.BeginOption(Dhcp6OptionCode.IaNa);
            writer.WriteUInt32(ia.Iaid);
            writer.WriteUInt32(ia.T1);
            writer.WriteUInt32(ia.T2);
            foreach (var a in ia.Addresses)
            {
                var sub = writer.BeginOption(Dhcp6OptionCode.IaAddr);
                writer.WriteAddress(a.Address);
                writer.WriteUInt32(a.PreferredLifetime);
                writer.WriteUInt32(a.ValidLifetime);
                writer.EndOption(sub);
            }
            if (ia.Status is { } s) writer.WriteStatus(s.Code, s.Message);
            writer.EndOption(mark);
        }
        if (reply.Status is { } status) writer.WriteStatus(status.Code, status.Message);
        if (reply.Preference is { } preference) writer.WriteOption(Dhcp6OptionCode.Preference, [preference]);
        if (reply.RapidCommit) writer.WriteOption(Dhcp6OptionCode.RapidCommit, []);
        foreach (var (code, data) in reply.Options) writer.WriteOption(code, data);
        if (writer.Overflowed) return null;
        var message = writer.Written.ToArray();

        // Innermost relay (nearest the client) first.
        for (var i = reply.Relays.Count - 1; i >= 0; i--)
        {
            var relay = reply.Relays[i];
            var outer = new Dhcp6Writer(buffer);
            outer.WriteRelayHeader(Dhcp6MessageType.RelayReply, relay.HopCount, relay.LinkAddress.GetAddressBytes(), relay.PeerAddress.GetAddressBytes());
            if (relay.InterfaceId is { } id) outer.WriteOption(Dhcp6OptionCode.InterfaceId, id);
            outer.WriteOption(Dhcp6OptionCode.RelayMessage, message);
            if (outer.Overflowed) return null;
            message = outer.Written.ToArray();
        }
        return message;
    }
}
