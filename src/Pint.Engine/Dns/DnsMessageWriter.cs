using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pint.Engine.Dns;

/// <summary>
/// Writes a DNS message into a caller-provided buffer, compressing names against names already written.
/// Every Try* method either writes completely or leaves the writer unchanged, so a caller can stop at the
/// first record that does not fit and set TC.
/// </summary>
public ref struct DnsMessageWriter
{
    private const int MaxRemembered = 32;
    private readonly Span<byte> _buffer;
    private int _position;
    private NameOffsets _offsets;
    private int _offsetCount;

    public DnsMessageWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
        _offsetCount = 0;
    }

    public readonly int Position => _position;
    public readonly Span<byte> Buffer => _buffer;
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>A place to come back to if a record does not fit.</summary>
    public readonly (int Position, int Offsets) Mark() => (_position, _offsetCount);
    public void Reset((int Position, int Offsets) mark) => (_position, _offsetCount) = mark;

    public bool TryWriteHeader(in DnsHeader header)
    {
        if (_buffer.Length - _position < DnsFlags.HeaderLength) return false;
        header.Write(_buffer[_position..]);
        _position += DnsFlags.HeaderLength;
        return true;
    }

    /// <summary>Copies bytes as they are. Names inside are not remembered for compression.</summary>
    public bool TryWriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        if (!bytes.TryCopyTo(_buffer[_position..])) return false;
        _position += bytes.Length;
        return true;
    }

    /// <summary>Writes the question (name in the client's case, type, class) and remembers its name for compression.</summary>
    public bool TryWriteQuestion(scoped ReadOnlySpan<byte> name, DnsType type, ushort cls)
    {
        var mark = Mark();
        if (TryWriteName(name, compress: false) && TryWriteUInt16((ushort)type) && TryWriteUInt16(cls)) return true;
        Reset(mark);
        return false;
    }

    public bool TryWriteUInt16(ushort value)
    {
        if (_buffer.Length - _position < 2) return false;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
        return true;
    }

    public bool TryWriteUInt32(uint value)
    {
        if (_buffer.Length - _position < 4) return false;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
        return true;
    }

    /// <summary>Writes a wire-format name, replacing its longest already-written suffix with a pointer.</summary>
    public bool TryWriteName(scoped ReadOnlySpan<byte> name, bool compress = true)
    {
        var mark = Mark();
        int pos = 0;
        while (pos < name.Length && name[pos] != 0)
        {
            if (compress && FindSuffix(name[pos..]) is int target and >= 0)
            {
                if (TryWriteUInt16((ushort)(0xC000 | target))) return true;
                Reset(mark);
                return false;
            }
            int len = name[pos];
            if (_buffer.Length - _position < len + 1) { Reset(mark); return false; }
            if (_position < 0x3FFF && _offsetCount < MaxRemembered) _offsets[_offsetCount++] = (ushort)_position;
            name.Slice(pos, len + 1).CopyTo(_buffer[_position..]);
            _position += len + 1;
            pos += len + 1;
        }
        if (_buffer.Length - _position < 1) { Reset(mark); return false; }
        _buffer[_position++] = 0;
        return true;
    }

    /// <summary>Writes a record whose RDATA is plain bytes.</summary>
    public bool TryWriteRecord(scoped ReadOnlySpan<byte> owner, DnsType type, uint ttl, scoped ReadOnlySpan<byte> rdata)
    {
        var mark = Mark();
        if (TryWriteRecordStart(owner, type, ttl, out int rdLengthAt) && TryWriteRaw(rdata) && TryEndRecord(rdLengthAt)) return true;
        Reset(mark);
        return false;
    }

    /// <summary>Writes owner, type, class IN, TTL and a placeholder RDLENGTH; finish with <see cref="TryEndRecord"/>.</summary>
    public bool TryWriteRecordStart(scoped ReadOnlySpan<byte> owner, DnsType type, uint ttl, out int rdLengthAt)
    {
        rdLengthAt = 0;
        var mark = Mark();
        if (TryWriteName(owner) && TryWriteUInt16((ushort)type) && TryWriteUInt16(DnsFlags.ClassIn) && TryWriteUInt32(ttl))
        {
            rdLengthAt = _position;
            if (TryWriteUInt16(0)) return true;
        }
        Reset(mark);
        return false;
    }

    public readonly bool TryEndRecord(int rdLengthAt)
    {
        int length = _position - rdLengthAt - 2;
        if (length > ushort.MaxValue) return false;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[rdLengthAt..], (ushort)length);
        return true;
    }

    /// <summary>Writes an EDNS0 OPT pseudo-record advertising <paramref name="udpPayloadSize"/>, with an optional Extended DNS Error.</summary>
    public bool TryWriteOpt(ushort udpPayloadSize, ushort? extendedError = null)
    {
        var mark = Mark();
        bool ok = TryWriteRaw([0]) && TryWriteUInt16((ushort)DnsType.OPT) && TryWriteUInt16(udpPayloadSize) && TryWriteUInt32(0);
        if (ok && extendedError is ushort info)
            ok = TryWriteUInt16(6) && TryWriteUInt16(15) && TryWriteUInt16(2) && TryWriteUInt16(info);
        else if (ok)
            ok = TryWriteUInt16(0);
        if (!ok) Reset(mark);
        return ok;
    }

    private readonly int FindSuffix(scoped ReadOnlySpan<byte> suffix)
    {
        for (int i = 0; i < _offsetCount; i++)
        {
            if (NameAtEquals(_buffer[.._position], _offsets[i], suffix)) return _offsets[i];
        }
        return -1;
    }

    /// <summary>Does the (possibly compressed) name written at <paramref name="offset"/> equal <paramref name="name"/>?</summary>
    private static bool NameAtEquals(ReadOnlySpan<byte> written, int offset, ReadOnlySpan<byte> name)
    {
        int pos = offset, i = 0, hops = 0;
        while (true)
        {
            if (pos >= written.Length || i >= name.Length) return false;
            byte len = written[pos];
            if ((len & 0xC0) == 0xC0)
            {
                if (++hops > 64 || pos + 1 >= written.Length) return false;
                pos = ((len & 0x3F) << 8) | written[pos + 1];
                continue;
            }
            if (len != name[i]) return false;
            if (len == 0) return true;
            if (pos + 1 + len > written.Length || i + 1 + len > name.Length
                || !DnsName.EqualsIgnoreCase(written.Slice(pos + 1, len), name.Slice(i + 1, len))) return false;
            pos += len + 1;
            i += len + 1;
        }
    }

    [InlineArray(MaxRemembered)]
    private struct NameOffsets
    {
        private ushort _first;
    }
}
