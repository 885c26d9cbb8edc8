using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>
/// Forward-only reader over one DNS message. Bounds checked everywhere; names are decompressed into a
/// caller-provided buffer, so reading never allocates.
/// </summary>
public ref struct DnsMessageReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    public DnsMessageReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _position = 0;
    }

    public readonly int Position => _position;
    public readonly int Remaining => _message.Length - _position;
    public readonly ReadOnlySpan<byte> Message => _message;

    public DnsRejection ReadHeader(out DnsHeader header)
    {
        header = default;
        if (_message.Length < DnsFlags.HeaderLength) return DnsRejection.TooShort;
        header = DnsHeader.Read(_message);
        _position = DnsFlags.HeaderLength;
        return DnsRejection.None;
    }

    public bool TryReadUInt16(out ushort value)
    {
        value = 0;
        if (Remaining < 2) return false;
        value = BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        _position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (Remaining < 4) return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(_message[_position..]);
        _position += 4;
        return true;
    }

    public bool TrySkip(int count)
    {
        if (count < 0 || Remaining < count) return false;
        _position += count;
        return true;
    }

    /// <summary>
    /// Reads a possibly compressed name at the current position into <paramref name="destination"/> as uncompressed
    /// wire format (length-prefixed labels ending with the zero byte). <paramref name="destination"/> may be empty to skip.
    /// </summary>
    public DnsRejection ReadName(scoped Span<byte> destination, out int length)
    {
        var rejection = DecompressName(_message, _position, destination, out length, out int consumed);
        if (rejection == DnsRejection.None) _position += consumed;
        return rejection;
    }

    /// <summary>Decompresses the name starting at <paramref name="offset"/>; <paramref name="consumed"/> counts bytes at that place.</summary>
    public static DnsRejection DecompressName(ReadOnlySpan<byte> message, int offset, Span<byte> destination, out int length, out int consumed)
    {
        length = 0;
        consumed = -1;
        int pos = offset;
        // Pointers must point strictly backwards from the lowest place seen so far: no loop can then form.
        int lowestJumpTarget = offset;
        bool writing = !destination.IsEmpty;
        while (true)
        {
            if (pos >= message.Length) return DnsRejection.Truncated;
            byte len = message[pos];
            int kind = len & 0xC0;
            if (kind == 0xC0)
            {
                if (pos + 1 >= message.Length) return DnsRejection.Truncated;
                int target = ((len & 0x3F) << 8) | message[pos + 1];
                if (consumed < 0) consumed = pos + 2 - offset;
                if (target >= lowestJumpTarget) return DnsRejection.CompressionLoop;
                lowestJumpTarget = target;
                pos = target;
                continue;
            }
            if (kind != 0) return DnsRejection.BadLabelType;
            if (len == 0)
            {
                if (length + 1 > DnsFlags.MaxNameLength) return DnsRejection.NameTooLong;
                if (writing) destination[length] = 0;
                length++;
                if (consumed < 0) consumed = pos + 1 - offset;
                return DnsRejection.None;
            }
            if (pos + 1 + len > message.Length) return DnsRejection.Truncated;
            if (length + 1 + len + 1 > DnsFlags.MaxNameLength) return DnsRejection.NameTooLong;
            if (writing) message.Slice(pos, len + 1).CopyTo(destination[length..]);
            length += len + 1;
            pos += len + 1;
        }
    }

    /// <summary>Skips one resource record; returns its type, class/TTL fields and where its RDATA lies.</summary>
    public DnsRejection ReadRecord(scoped Span<byte> nameDestination, out int nameLength, out DnsRecordInfo record)
    {
        record = default;
        var rejection = ReadName(nameDestination, out nameLength);
        if (rejection != DnsRejection.None) return rejection;
        int ttlOffset = _position + 4;
        if (!TryReadUInt16(out ushort type) || !TryReadUInt16(out ushort cls) || !TryReadUInt32(out uint ttl)
            || !TryReadUInt16(out ushort rdLength) || Remaining < rdLength)
            return DnsRejection.Truncated;
        record = new DnsRecordInfo((DnsType)type, cls, ttl, ttlOffset, _position, rdLength);
        _position += rdLength;
        return DnsRejection.None;
    }
}

/// <summary>Where one record sits in a message. For OPT, Class is the UDP payload size and Ttl holds extended rcode/version/flags.</summary>
public readonly record struct DnsRecordInfo(DnsType Type, ushort Class, uint Ttl, int TtlOffset, int DataOffset, int DataLength);
