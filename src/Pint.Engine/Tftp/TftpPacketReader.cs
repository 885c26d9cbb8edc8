using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace Pint.Engine.Tftp;

/// <summary>
/// Reads one TFTP packet from a span, bounds-checked and without throwing: every method returns
/// <see cref="TftpRejection.None"/> on success or the reason the packet is unusable.
/// Only RRQ/WRQ allocate (the filename string); ACK, DATA and ERROR do not.
/// </summary>
public ref struct TftpPacketReader
{
    private readonly ReadOnlySpan<byte> _packet;
    private int _position;

    public TftpPacketReader(ReadOnlySpan<byte> packet)
    {
        _packet = packet;
        _position = 0;
    }

    public readonly TftpRejection ReadOpcode(out TftpOpcode opcode)
    {
        opcode = default;
        if (_packet.Length < 2)
            return TftpRejection.TooShort;
        ushort raw = BinaryPrimitives.ReadUInt16BigEndian(_packet);
        if (raw is < (ushort)TftpOpcode.ReadRequest or > (ushort)TftpOpcode.OptionAck)
            return TftpRejection.UnknownOpcode;
        opcode = (TftpOpcode)raw;
        return TftpRejection.None;
    }

    /// <summary>Reads an RRQ or WRQ: filename, mode, then option name/value pairs. Unknown options are skipped.</summary>
    public TftpRejection ReadRequest(out TftpRequest? request)
    {
        request = null;
        var rejection = ReadOpcode(out var opcode);
        if (rejection != TftpRejection.None)
            return rejection;
        if (opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest))
            return TftpRejection.WrongOpcode;

        _position = 2;
        if (!TryReadString(out var name) || !TryReadString(out var modeText))
            return TftpRejection.UnterminatedString;
        if (name.IsEmpty)
            return TftpRejection.EmptyFileName;
        if (!TryDecodeFileName(name, out var fileName))
            return TftpRejection.InvalidFileName;

        TftpMode mode;
        if (Ascii.EqualsIgnoreCase(modeText, "octet"u8))
            mode = TftpMode.Octet;
        else if (Ascii.EqualsIgnoreCase(modeText, "netascii"u8))
            mode = TftpMode.NetAscii;
        else
            return TftpRejection.UnsupportedMode;

        rejection = ReadOptions(out var options);
        if (rejection != TftpRejection.None)
            return rejection;
        request = new TftpRequest(opcode, fileName, mode, options);
        return TftpRejection.None;
    }

    /// <summary>Reads an OACK (the client side of negotiation).</summary>
    public TftpRejection ReadOptionAck(out TftpOptionSet options)
    {
        options = default;
        var rejection = ReadOpcode(out var opcode);
        if (rejection != TftpRejection.None)
            return rejection;
        if (opcode != TftpOpcode.OptionAck)
            return TftpRejection.WrongOpcode;
        _position = 2;
        return ReadOptions(out options);
    }

    public readonly TftpRejection ReadAck(out ushort block)
    {
        block = 0;
        var rejection = ReadFixedHeader(TftpOpcode.Ack, out block);
        if (rejection != TftpRejection.None)
            return rejection;
        return _packet.Length == 4 ? TftpRejection.None : TftpRejection.TrailingBytes;
    }

    public readonly TftpRejection ReadData(out ushort block, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        var rejection = ReadFixedHeader(TftpOpcode.Data, out block);
        if (rejection != TftpRejection.None)
            return rejection;
        payload = _packet[4..];
        return TftpRejection.None;
    }

    /// <summary>Reads an ERROR packet. A missing NUL after the message is tolerated; bytes after it are not.</summary>
    public readonly TftpRejection ReadError(out TftpErrorCode code, out ReadOnlySpan<byte> message)
    {
        message = default;
        var rejection = ReadFixedHeader(TftpOpcode.Error, out ushort raw);
        code = (TftpErrorCode)raw;
        if (rejection != TftpRejection.None)
            return rejection;
        var rest = _packet[4..];
        int nul = rest.IndexOf((byte)0);
        if (nul >= 0 && nul != rest.Length - 1)
            return TftpRejection.TrailingBytes;
        message = nul >= 0 ? rest[..nul] : rest;
        return TftpRejection.None;
    }

    private readonly TftpRejection ReadFixedHeader(TftpOpcode expected, out ushort number)
    {
        number = 0;
        var rejection = ReadOpcode(out var opcode);
        if (rejection != TftpRejection.None)
            return rejection;
        if (opcode != expected)
            return TftpRejection.WrongOpcode;
        if (_packet.Length < 4)
            return TftpRejection.TooShort;
        number = BinaryPrimitives.ReadUInt16BigEndian(_packet[2..]);
        return TftpRejection.None;
    }

    /// <summary>
    /// Option pairs after the mode. Names are case-insensitive; a later duplicate wins; a value out of its
    /// RFC range makes the option absent (so the server falls back to the default) rather than failing the request.
    /// A name with no value at the very end is ignored, as dnsmasq does.
    /// </summary>
    private TftpRejection ReadOptions(out TftpOptionSet options)
    {
        options = default;
        while (_position < _packet.Length)
        {
            if (!TryReadString(out var name))
                return TftpRejection.UnterminatedString;
            if (_position >= _packet.Length)
                break;
            if (!TryReadString(out var value))
                return TftpRejection.UnterminatedString;

            if (Ascii.EqualsIgnoreCase(name, "blksize"u8))
                options = options with { BlockSize = ParseInRange(value, TftpOptionSet.MinBlockSize, TftpOptionSet.MaxBlockSize) };
            else if (Ascii.EqualsIgnoreCase(name, "tsize"u8))
                options = options with { TransferSize = ParseInRange(value, 0, long.MaxValue) };
            else if (Ascii.EqualsIgnoreCase(name, "timeout"u8))
                options = options with { TimeoutSeconds = (int?)ParseInRange(value, 1, TftpOptionSet.MaxTimeoutSeconds) };
            else if (Ascii.EqualsIgnoreCase(name, "windowsize"u8))
                options = options with { WindowSize = (int?)ParseInRange(value, 1, TftpOptionSet.MaxWindowSize) };
        }
        return TftpRejection.None;
    }

    private static int? ParseInRange(ReadOnlySpan<byte> value, int min, int max) => (int?)ParseInRange(value, min, (long)max);

    private static long? ParseInRange(ReadOnlySpan<byte> value, long min, long max)
    {
        // Digits only: Utf8Parser alone would accept a leading sign.
        if (value.IsEmpty || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            return null;
        if (!Utf8Parser.TryParse(value, out long number, out int consumed) || consumed != value.Length)
            return null;
        return number >= min && number <= max ? number : null;
    }

    private bool TryReadString(out ReadOnlySpan<byte> text)
    {
        var rest = _packet[_position..];
        int nul = rest.IndexOf((byte)0);
        if (nul < 0)
        {
            text = default;
            return false;
        }
        text = rest[..nul];
        _position += nul + 1;
        return true;
    }

    private static bool TryDecodeFileName(ReadOnlySpan<byte> raw, out string fileName)
    {
        fileName = "";
        // Control characters (including DEL) have no place in a boot file name and only serve to confuse logs.
        foreach (byte b in raw)
        {
            if (b < 0x20 || b == 0x7F)
                return false;
        }
        if (!Utf8.IsValid(raw))
            return false;
        fileName = Encoding.UTF8.GetString(raw);
        return true;
    }
}
