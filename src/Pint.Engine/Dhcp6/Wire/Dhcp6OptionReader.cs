using System.Buffers.Binary;

namespace Pint.Engine.Dhcp6.Wire;

/// <summary>
/// Walks DHCPv6 options (2-byte code, 2-byte length, value) over a span, bounds checked: a length that runs past the
/// end stops the walk with <see cref="Dhcp6Rejection.TruncatedOption"/> in <see cref="Rejection"/>. Never throws.
/// </summary>
public ref struct Dhcp6OptionReader
{
    private ReadOnlySpan<byte> _rest;

    public Dhcp6OptionReader(ReadOnlySpan<byte> options)
    {
        _rest = options;
        Rejection = Dhcp6Rejection.None;
    }

    public Dhcp6Rejection Rejection { get; private set; }

    public bool TryNext(out ushort code, out ReadOnlySpan<byte> value)
    {
        code = 0;
        value = default;
        if (_rest.IsEmpty || Rejection != Dhcp6Rejection.None) return false;
        if (_rest.Length < 4)
        {
            Rejection = Dhcp6Rejection.TruncatedOption;
            return false;
        }
        code = BinaryPrimitives.ReadUInt16BigEndian(_rest);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_rest[2..]);
        if (length > _rest.Length - 4)
        {
            Rejection = Dhcp6Rejection.TruncatedOption;
            return false;
        }
        value = _rest.Slice(4, length);
        _rest = _rest[(4 + length)..];
        return true;
    }

    /// <summary>Checks that every option is whole; the first problem, or None.</summary>
    public static Dhcp6Rejection Validate(ReadOnlySpan<byte> options)
    {
        var reader = new Dhcp6OptionReader(options);
        while (reader.TryNext(out _, out _)) { }
        return reader.Rejection;
    }

    /// <summary>The value of the first option <paramref name="wanted"/>; false when absent (or the options are bad before it).</summary>
    public static bool TryFind(ReadOnlySpan<byte> options, ushort wanted, out ReadOnlySpan<byte> value)
    {
        var reader = new Dhcp6OptionReader(options);
        while (reader.TryNext(out var code, out value))
            if (code == wanted) return true;
        value = default;
        return false;
    }
}

/// <summary>
/// The header of one DHCPv6 message: a client/server message (type, 3-byte transaction id, options) or a relay
/// message (type, hop count, link address, peer address, options). Bounds checked; never throws.
/// </summary>
public readonly ref struct Dhcp6MessageReader
{
    public const int ClientHeaderLength = 4;
    public const int RelayHeaderLength = 34;

    private Dhcp6MessageReader(Dhcp6MessageType type, uint transactionId, byte hopCount, ReadOnlySpan<byte> linkAddress,
        ReadOnlySpan<byte> peerAddress, ReadOnlySpan<byte> options)
    {
        Type = type;
        TransactionId = transactionId;
        HopCount = hopCount;
        LinkAddress = linkAddress;
        PeerAddress = peerAddress;
        Options = options;
    }

    public Dhcp6MessageType Type { get; }
    /// <summary>24 bits; zero for relay messages.</summary>
    public uint TransactionId { get; }
    public byte HopCount { get; }
    /// <summary>16 bytes for relay messages, empty otherwise.</summary>
    public ReadOnlySpan<byte> LinkAddress { get; }
    public ReadOnlySpan<byte> PeerAddress { get; }
    public ReadOnlySpan<byte> Options { get; }
    public bool IsRelay => Type is Dhcp6MessageType.RelayForward or Dhcp6MessageType.RelayReply;

    /// <summary>Reads the header and checks every option is whole (nested options are the caller's business).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Dhcp6MessageReader message, out Dhcp6Rejection rejection)
    {
        message = default;
        if (data.Length < ClientHeaderLength) { rejection = Dhcp6Rejection.TooShort; return false; }
        var type = (Dhcp6MessageType)data[0];
        if (type is Dhcp6MessageType.RelayForward or Dhcp6MessageType.RelayReply)
        {
            if (data.Length < RelayHeaderLength) { rejection = Dhcp6Rejection.TooShort; return false; }
            var relayOptions = data[RelayHeaderLength..];
            rejection = Dhcp6OptionReader.Validate(relayOptions);
            if (rejection != Dhcp6Rejection.None) return false;
            message = new Dhcp6MessageReader(type, 0, data[1], data.Slice(2, 16), data.Slice(18, 16), relayOptions);
            return true;
        }
        var options = data[ClientHeaderLength..];
        rejection = Dhcp6OptionReader.Validate(options);
        if (rejection != Dhcp6Rejection.None) return false;
        uint xid = (uint)(data[1] << 16 | data[2] << 8 | data[3]);
        message = new Dhcp6MessageReader(type, xid, 0, default, default, options);
        return true;
    }
}
