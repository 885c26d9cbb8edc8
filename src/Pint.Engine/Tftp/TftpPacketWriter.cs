using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace Pint.Engine.Tftp;

/// <summary>
/// Writes TFTP packets into caller-provided buffers and returns the number of bytes written.
/// A buffer too small for a fixed-size packet is a programming error and throws; error messages are
/// truncated to fit so an ERROR packet can always be sent.
/// </summary>
public static class TftpPacketWriter
{
    /// <summary>Largest ERROR packet Pint sends: fits the classic 512-byte payload any client accepts.</summary>
    public const int MaxErrorPacketLength = 516;

    /// <summary>Writes the 4-byte DATA header; the caller puts the payload at offset 4.</summary>
    public static int WriteDataHeader(Span<byte> destination, ushort block) => WriteFixed(destination, TftpOpcode.Data, block);

    public static int WriteAck(Span<byte> destination, ushort block) => WriteFixed(destination, TftpOpcode.Ack, block);

    public static int WriteError(Span<byte> destination, TftpErrorCode code, string message)
    {
        int written = WriteFixed(destination, TftpOpcode.Error, (ushort)code);
        var room = destination[written..Math.Min(destination.Length, MaxErrorPacketLength)];
        if (room.IsEmpty)
            throw new ArgumentException("Buffer too small for an ERROR packet.", nameof(destination));
        // Leave one byte for the terminator; Encoder stops at a character boundary when space runs out.
        Encoding.UTF8.GetEncoder().Convert(message, room[..^1], flush: true, out _, out int bytes, out _);
        room[bytes] = 0;
        return written + bytes + 1;
    }

    /// <summary>Writes an OACK with the options that are set, in the order blksize, tsize, timeout, windowsize.</summary>
    public static int WriteOptionAck(Span<byte> destination, in TftpOptionSet options)
    {
        int written = WriteOpcode(destination, TftpOpcode.OptionAck);
        written += WriteOptions(destination[written..], options);
        return written;
    }

    /// <summary>Writes an RRQ or WRQ (used by clients and tests).</summary>
    public static int WriteRequest(Span<byte> destination, TftpOpcode opcode, string fileName, TftpMode mode, in TftpOptionSet options = default)
    {
        if (opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest))
            throw new ArgumentOutOfRangeException(nameof(opcode));
        int written = WriteOpcode(destination, opcode);
        written += WriteString(destination[written..], fileName);
        written += WriteString(destination[written..], mode == TftpMode.Octet ? "octet" : "netascii");
        written += WriteOptions(destination[written..], options);
        return written;
    }

    private static int WriteOptions(Span<byte> destination, in TftpOptionSet options)
    {
        int written = 0;
        if (options.BlockSize is { } blockSize)
            written += WriteOption(destination[written..], "blksize"u8, blockSize);
        if (options.TransferSize is { } size)
            written += WriteOption(destination[written..], "tsize"u8, size);
        if (options.TimeoutSeconds is { } timeout)
            written += WriteOption(destination[written..], "timeout"u8, timeout);
        if (options.WindowSize is { } window)
            written += WriteOption(destination[written..], "windowsize"u8, window);
        return written;
    }

    private static int WriteOption(Span<byte> destination, ReadOnlySpan<byte> name, long value)
    {
        name.CopyTo(destination);
        destination[name.Length] = 0;
        int written = name.Length + 1;
        if (!Utf8Formatter.TryFormat(value, destination[written..], out int digits))
            throw new ArgumentException("Buffer too small for the options.", nameof(destination));
        destination[written + digits] = 0;
        return written + digits + 1;
    }

    private static int WriteString(Span<byte> destination, string text)
    {
        int bytes = Encoding.UTF8.GetBytes(text, destination);
        destination[bytes] = 0;
        return bytes + 1;
    }

    private static int WriteOpcode(Span<byte> destination, TftpOpcode opcode)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)opcode);
        return 2;
    }

    private static int WriteFixed(Span<byte> destination, TftpOpcode opcode, ushort number)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)opcode);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], number);
        return 4;
    }
}
