using System.Buffers.Binary;
using System.Net;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Wire;

/// <summary>
/// A validated view of a DHCP packet (BOOTP header, magic cookie, options including those overloaded into
/// file and sname). <see cref="TryRead"/> checks every bound once, so the accessors cannot fail afterwards.
/// Allocation-free except for the <see cref="IPAddress"/> convenience accessors.
/// </summary>
public readonly ref struct DhcpPacketReader
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly byte _overload;

    private DhcpPacketReader(ReadOnlySpan<byte> packet, byte overload, DhcpMessageType messageType)
    {
        _packet = packet;
        _overload = overload;
        MessageType = messageType;
    }

    /// <summary>Validates <paramref name="packet"/>; on failure <paramref name="rejection"/> says why.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out DhcpPacketReader reader, out DhcpPacketRejection rejection)
    {
        reader = default;
        rejection = Validate(packet, out var overload, out var messageType);
        if (rejection != DhcpPacketRejection.None) return false;
        reader = new DhcpPacketReader(packet, overload, messageType);
        return true;
    }

    private static DhcpPacketRejection Validate(ReadOnlySpan<byte> packet, out byte overload, out DhcpMessageType messageType)
    {
        overload = 0;
        messageType = 0;
        if (packet.Length < DhcpLayout.OptionsOffset) return DhcpPacketRejection.Truncated;
        if (packet[DhcpLayout.Op] is not (1 or 2)) return DhcpPacketRejection.BadOperation;
        if (packet[DhcpLayout.HardwareLength] > DhcpLayout.ClientHardwareAddressLength) return DhcpPacketRejection.BadHardwareAddressLength;
        if (BinaryPrimitives.ReadUInt32BigEndian(packet[DhcpLayout.MagicOffset..]) != DhcpLayout.MagicCookie) return DhcpPacketRejection.BadMagic;

        var result = ValidateArea(packet[DhcpLayout.OptionsOffset..], allowOverload: true, ref overload, ref messageType);
        if (result == DhcpPacketRejection.None && (overload & 1) != 0)
            result = ValidateArea(packet.Slice(DhcpLayout.FileOffset, DhcpLayout.FileLength), false, ref overload, ref messageType);
        if (result == DhcpPacketRejection.None && (overload & 2) != 0)
            result = ValidateArea(packet.Slice(DhcpLayout.ServerNameOffset, DhcpLayout.ServerNameLength), false, ref overload, ref messageType);
        if (result != DhcpPacketRejection.None) return result;
        return messageType == 0 ? DhcpPacketRejection.MissingMessageType : DhcpPacketRejection.None;
    }

    private static DhcpPacketRejection ValidateArea(ReadOnlySpan<byte> area, bool allowOverload, ref byte overload, ref DhcpMessageType messageType)
    {
        var at = 0;
        while (at < area.Length)
        {
            var code = area[at];
            if (code == DhcpOptionCode.Pad) { at++; continue; }
            if (code == DhcpOptionCode.End) break;
            if (at + 1 >= area.Length || at + 2 + area[at + 1] > area.Length) return DhcpPacketRejection.BadOptionLength;
            var value = area.Slice(at + 2, area[at + 1]);
            if (code == DhcpOptionCode.Overload)
            {
                if (!allowOverload || value.Length != 1 || value[0] is < 1 or > 3) return DhcpPacketRejection.BadOverload;
                overload = value[0];
            }
            else if (code == DhcpOptionCode.MessageType && messageType == 0)
            {
                if (value.Length != 1 || value[0] is < 1 or > 8) return DhcpPacketRejection.BadMessageType;
                messageType = (DhcpMessageType)value[0];
            }
            at += 2 + value.Length;
        }
        return DhcpPacketRejection.None;
    }

    /// <summary>The packet bytes this view reads.</summary>
    public ReadOnlySpan<byte> Bytes => _packet;

    public bool IsRequest => _packet[DhcpLayout.Op] == 1;
    public byte HardwareType => _packet[DhcpLayout.HardwareType];
    public byte Hops => _packet[DhcpLayout.Hops];
    public uint TransactionId => BinaryPrimitives.ReadUInt32BigEndian(_packet[DhcpLayout.TransactionId..]);
    public ushort Seconds => BinaryPrimitives.ReadUInt16BigEndian(_packet[DhcpLayout.Seconds..]);
    public ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_packet[DhcpLayout.Flags..]);
    public bool BroadcastFlag => (Flags & DhcpLayout.BroadcastFlag) != 0;

    /// <summary>ciaddr, yiaddr, siaddr, giaddr as big-endian 32-bit values (0 = unset).</summary>
    public uint ClientAddressValue => BinaryPrimitives.ReadUInt32BigEndian(_packet[DhcpLayout.ClientAddress..]);
    public uint YourAddressValue => BinaryPrimitives.ReadUInt32BigEndian(_packet[DhcpLayout.YourAddress..]);
    public uint ServerAddressValue => BinaryPrimitives.ReadUInt32BigEndian(_packet[DhcpLayout.ServerAddress..]);
    public uint RelayAddressValue => BinaryPrimitives.ReadUInt32BigEndian(_packet[DhcpLayout.RelayAddress..]);

    public IPAddress ClientAddress => Ipv4.ToAddress(ClientAddressValue);
    public IPAddress YourAddress => Ipv4.ToAddress(YourAddressValue);
    public IPAddress ServerAddress => Ipv4.ToAddress(ServerAddressValue);
    public IPAddress RelayAddress => Ipv4.ToAddress(RelayAddressValue);

    /// <summary>The first hlen bytes of chaddr.</summary>
    public ReadOnlySpan<byte> ClientHardwareAddress =>
        _packet.Slice(DhcpLayout.ClientHardwareAddress, _packet[DhcpLayout.HardwareLength]);

    /// <summary>sname up to its first NUL; empty when the field carries options.</summary>
    public ReadOnlySpan<byte> ServerName =>
        (_overload & 2) != 0 ? [] : UntilNul(_packet.Slice(DhcpLayout.ServerNameOffset, DhcpLayout.ServerNameLength));

    /// <summary>file up to its first NUL; empty when the field carries options.</summary>
    public ReadOnlySpan<byte> BootFileName =>
        (_overload & 1) != 0 ? [] : UntilNul(_packet.Slice(DhcpLayout.FileOffset, DhcpLayout.FileLength));

    public DhcpMessageType MessageType { get; }

    /// <summary>All options in packet order (options field, then overloaded file, then sname).</summary>
    public DhcpOptionEnumerator Options => new(_packet, _overload);

    /// <summary>Finds the first occurrence of option <paramref name="code"/>.</summary>
    public bool TryGetOption(byte code, out ReadOnlySpan<byte> value)
    {
        foreach (var option in Options)
        {
            if (option.Code != code) continue;
            value = option.Value;
            return true;
        }
        value = default;
        return false;
    }

    private static ReadOnlySpan<byte> UntilNul(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return end < 0 ? field : field[..end];
    }
}
