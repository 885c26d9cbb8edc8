using System.Buffers.Binary;
using System.Net;

namespace Pint.Engine.Dhcp6.Wire;

/// <summary>
/// Writes a DHCPv6 message into a caller-provided buffer. Never throws on a short buffer: once something does not fit
/// nothing more is written and <see cref="Overflowed"/> is set (the caller then sends nothing).
/// </summary>
public ref struct Dhcp6Writer
{
    private readonly Span<byte> _buffer;
    private int _position;

    public Dhcp6Writer(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
        Overflowed = false;
    }

    public int Length => _position;
    public bool Overflowed { get; private set; }
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    private bool Room(int bytes)
    {
        if (Overflowed || bytes > _buffer.Length - _position) { Overflowed = true; return false; }
        return true;
    }

    public void WriteHeader(Dhcp6MessageType type, uint transactionId)
    {
        if (!Room(4)) return;
        _buffer[_position] = (byte)type;
        _buffer[_position + 1] = (byte)(transactionId >> 16);
        _buffer[_position + 2] = (byte)(transactionId >> 8);
        _buffer[_position + 3] = (byte)transactionId;
        _position += 4;
    }

    public void WriteRelayHeader(Dhcp6MessageType type, byte hopCount, scoped ReadOnlySpan<byte> linkAddress, scoped ReadOnlySpan<byte> peerAddress)
    {
        if (linkAddress.Length != 16 || peerAddress.Length != 16) { Overflowed = true; return; }
        if (!Room(34)) return;
        _buffer[_position] = (byte)type;
        _buffer[_position + 1] = hopCount;
        linkAddress.CopyTo(_buffer[(_position + 2)..]);
        peerAddress.CopyTo(_buffer[(_position + 18)..]);
        _position += 34;
    }

    public void WriteOption(ushort code, scoped ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue) { Overflowed = true; return; }
        if (!Room(4 + value.Length)) return;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], code);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_position + 2)..], (ushort)value.Length);
        value.CopyTo(_buffer[(_position + 4)..]);
        _position += 4 + value.Length;
    }

    /// <summary>Starts an option whose value follows (nested options); returns the mark <see cref="EndOption"/> takes.</summary>
    public int BeginOption(ushort code)
    {
        var mark = _position;
        if (!Room(4)) return -1;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], code);
        _position += 4;
        return mark;
    }

    public void EndOption(int mark)
    {
        if (Overflowed || mark < 0) return;
        var length = _position - mark - 4;
        if (length > ushort.MaxValue) { Overflowed = true; return; }
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(mark + 2)..], (ushort)length);
    }

    public void WriteUInt32(uint value)
    {
        if (!Room(4)) return;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteUInt16(ushort value)
    {
        if (!Room(2)) return;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (!Room(bytes.Length)) return;
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteAddress(IPAddress address)
    {
        if (!Room(16)) return;
        if (!address.TryWriteBytes(_buffer.Slice(_position, 16), out var n) || n != 16) { Overflowed = true; return; }
        _position += 16;
    }

    /// <summary>A Status Code option: the code, then the message in UTF-8.</summary>
    public void WriteStatus(Dhcp6StatusCode status, string message)
    {
        var mark = BeginOption(Dhcp6OptionCode.StatusCode);
        WriteUInt16((ushort)status);
        Span<byte> text = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(message.Length)];
        var n = System.Text.Encoding.UTF8.GetBytes(message, text);
        WriteBytes(text[..n]);
        EndOption(mark);
    }
}
