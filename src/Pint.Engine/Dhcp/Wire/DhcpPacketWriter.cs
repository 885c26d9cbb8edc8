using System.Buffers.Binary;
using System.Text;

namespace Pint.Engine.Dhcp.Wire;

/// <summary>
/// Writes a DHCP packet into a caller-provided buffer: header fields, then options in the order given,
/// then End and padding to the 300-byte BOOTP minimum. An option that does not fit is left out
/// (<see cref="TryWriteOption"/> returns false) rather than overflowing; overload is never used when writing.
/// </summary>
public ref struct DhcpPacketWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <param name="buffer">At least 300 bytes; 576 (the size every client must accept) is typical.</param>
    public DhcpPacketWriter(Span<byte> buffer)
    {
        if (buffer.Length < DhcpLayout.MinimumBootpSize)
            throw new ArgumentException($"a DHCP packet buffer needs at least {DhcpLayout.MinimumBootpSize} bytes", nameof(buffer));
        _buffer = buffer;
        _buffer[..DhcpLayout.OptionsOffset].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[DhcpLayout.MagicOffset..], DhcpLayout.MagicCookie);
        _length = DhcpLayout.OptionsOffset;
    }

    /// <summary>op, htype, hlen+chaddr, hops, xid, secs and flags.</summary>
    public void WriteHeader(bool reply, byte hardwareType, scoped ReadOnlySpan<byte> hardwareAddress, byte hops, uint transactionId, ushort seconds, ushort flags)
    {
        if (hardwareAddress.Length > DhcpLayout.ClientHardwareAddressLength)
            throw new ArgumentException("a hardware address has at most 16 bytes", nameof(hardwareAddress));
        _buffer[DhcpLayout.Op] = reply ? (byte)2 : (byte)1;
        _buffer[DhcpLayout.HardwareType] = hardwareType;
        _buffer[DhcpLayout.HardwareLength] = (byte)hardwareAddress.Length;
        _buffer[DhcpLayout.Hops] = hops;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[DhcpLayout.TransactionId..], transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[DhcpLayout.Seconds..], seconds);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[DhcpLayout.Flags..], flags);
        hardwareAddress.CopyTo(_buffer[DhcpLayout.ClientHardwareAddress..]);
    }

    /// <summary>ciaddr, yiaddr, siaddr, giaddr as big-endian 32-bit values.</summary>
    public void WriteAddresses(uint client, uint your, uint server, uint relay)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[DhcpLayout.ClientAddress..], client);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[DhcpLayout.YourAddress..], your);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[DhcpLayout.ServerAddress..], server);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[DhcpLayout.RelayAddress..], relay);
    }

    /// <summary>sname (up to 63 bytes so a NUL always follows); longer names are cut.</summary>
    public void WriteServerName(string name) => WriteField(name, DhcpLayout.ServerNameOffset, DhcpLayout.ServerNameLength);

    /// <summary>file (up to 127 bytes so a NUL always follows); longer names are cut.</summary>
    public void WriteBootFileName(string name) => WriteField(name, DhcpLayout.FileOffset, DhcpLayout.FileLength);

    private readonly void WriteField(string text, int offset, int length)
    {
        var field = _buffer.Slice(offset, length);
        field.Clear();
        var written = Encoding.UTF8.GetBytes(text.AsSpan(0, Math.Min(text.Length, length - 1)), field);
        if (written >= length) field[^1] = 0;
    }

    /// <summary>Appends option <paramref name="code"/>; false (nothing written) if the value is over 255 bytes or would not leave room for End.</summary>
    public bool TryWriteOption(byte code, scoped ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue || _length + 2 + value.Length + 1 > _buffer.Length) return false;
        _buffer[_length] = code;
        _buffer[_length + 1] = (byte)value.Length;
        value.CopyTo(_buffer[(_length + 2)..]);
        _length += 2 + value.Length;
        return true;
    }

    public bool TryWriteOption(byte code, byte value) => TryWriteOption(code, [value]);

    public bool TryWriteOption(byte code, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return TryWriteOption(code, bytes);
    }

    /// <summary>Writes End, pads to 300 bytes, and returns the packet length.</summary>
    public int Finish()
    {
        _buffer[_length++] = DhcpOptionCode.End;
        var length = Math.Max(_length, DhcpLayout.MinimumBootpSize);
        _buffer[_length..length].Clear();
        return length;
    }
}
