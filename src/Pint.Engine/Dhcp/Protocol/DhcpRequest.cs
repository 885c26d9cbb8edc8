using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// A client's packet, read once (by <see cref="DhcpPacketReader"/>) where it is received: the parts the protocol logic
/// decides on, and where each option's first occurrence lies in one copy of the packet. It goes from the server's
/// receive loop to the responder and the reply builder (and to an address probe) without being parsed again.
/// </summary>
public sealed class DhcpRequest
{
    private readonly byte[] _packet;
    // First occurrence of each option code: value offset and length in _packet (options may sit in file/sname too).
    private readonly OptionAt[] _options;
    private readonly int _optionCount;
    private readonly int _parameterRequestList = -1;

    private readonly record struct OptionAt(byte Code, ushort Offset, byte Length);

    private DhcpRequest(DhcpPacketReader packet)
    {
        var bytes = packet.Bytes;
        _packet = bytes.ToArray();
        MessageType = packet.MessageType;
        HardwareType = packet.HardwareType;
        ClientHardwareAddress = packet.ClientHardwareAddress.ToArray();
        TransactionId = packet.TransactionId;
        Flags = packet.Flags;
        ClientAddress = packet.ClientAddressValue;
        RelayAddress = packet.RelayAddressValue;
        _options = new OptionAt[16];
        ref var start = ref MemoryMarshal.GetReference(bytes);
        foreach (var option in packet.Options)
        {
            if (IndexOf(option.Code) >= 0) continue; // first occurrence wins
            if (_optionCount == _options.Length) Array.Resize(ref _options, _options.Length * 2);
            var offset = (int)Unsafe.ByteOffset(ref start, ref MemoryMarshal.GetReference(option.Value));
            if (option.Code == DhcpOptionCode.ParameterRequestList) _parameterRequestList = _optionCount;
            _options[_optionCount++] = new OptionAt(option.Code, (ushort)offset, (byte)option.Value.Length);
        }
        HardwareAddressText = HexText.FormatHardwareAddress(HardwareType, ClientHardwareAddress);
        ClientId = TryGetOption(DhcpOptionCode.ClientId, out var id) && id.Length > 0 ? HexText.Format(id) : null;
        RequestedAddress = AddressOption(DhcpOptionCode.RequestedAddress);
        ServerIdentifier = AddressOption(DhcpOptionCode.ServerIdentifier);
        HostName = TryGetOption(DhcpOptionCode.HostName, out var name) ? HostNames.Sanitize(Encoding.UTF8.GetString(name)) : null;
        MaximumMessageSize = TryGetOption(DhcpOptionCode.MaximumMessageSize, out var max) && max.Length == 2
            ? BinaryPrimitives.ReadUInt16BigEndian(max) : 0;
    }

    /// <summary>Reads a client packet; null with a reason when it is not one we can answer.</summary>
    public static DhcpRequest? TryParse(ReadOnlySpan<byte> packet, out string? problem)
    {
        if (!DhcpPacketReader.TryRead(packet, out var reader, out var rejection))
        {
            problem = rejection.Describe();
            return null;
        }
        if (!reader.IsRequest)
        {
            problem = "not a BOOTREQUEST";
            return null;
        }
        problem = null;
        return new DhcpRequest(reader);
    }

    /// <summary>The request that <paramref name="reader"/> (a validated BOOTREQUEST) views, without reading it again.</summary>
    public static DhcpRequest From(DhcpPacketReader reader) =>
        reader.IsRequest ? new(reader) : throw new ArgumentException("not a BOOTREQUEST", nameof(reader));

    public DhcpMessageType MessageType { get; }
    public byte HardwareType { get; }
    public byte[] ClientHardwareAddress { get; }
    /// <summary>The hardware address in dnsmasq's notation (<c>52:54:00:12:34:56</c>), as leases and logs show it.</summary>
    public string HardwareAddressText { get; }
    public uint TransactionId { get; }
    public ushort Flags { get; }
    /// <summary>ciaddr as a big-endian value (0 = unset).</summary>
    public uint ClientAddress { get; }
    /// <summary>giaddr as a big-endian value (0 = not relayed).</summary>
    public uint RelayAddress { get; }
    public string? ClientId { get; private set; }
    public uint? RequestedAddress { get; }
    public uint? ServerIdentifier { get; }
    public string? HostName { get; }
    public int MaximumMessageSize { get; }

    /// <summary>Whether the client sent option 55; when it did not, every option counts as requested.</summary>
    public bool HasParameterRequestList => _parameterRequestList >= 0;

    /// <summary>dhcp-ignore-clid: the request is read as if it carried no client identifier.</summary>
    internal void IgnoreClientId() => ClientId = null;

    /// <summary>The codes of option 55 (empty when the client sent none).</summary>
    public ReadOnlySpan<byte> ParameterRequestList => _parameterRequestList < 0 ? [] : ValueOf(_options[_parameterRequestList]);

    /// <summary>The value of the first occurrence of option <paramref name="code"/>.</summary>
    public bool TryGetOption(byte code, out ReadOnlySpan<byte> value)
    {
        var index = IndexOf(code);
        value = index < 0 ? default : ValueOf(_options[index]);
        return index >= 0;
    }

    private int IndexOf(byte code)
    {
        for (var i = 0; i < _optionCount; i++)
            if (_options[i].Code == code) return i;
        return -1;
    }

    private ReadOnlySpan<byte> ValueOf(OptionAt option) => _packet.AsSpan(option.Offset, option.Length);

    private uint? AddressOption(byte code) =>
        TryGetOption(code, out var value) && value.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(value) : null;
}
