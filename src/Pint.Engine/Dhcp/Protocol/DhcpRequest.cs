using System.Buffers.Binary;
using System.Text;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>The parts of a client's packet the protocol logic decides on, copied out of the packet buffer.</summary>
internal sealed class DhcpRequest
{
    private readonly Dictionary<byte, byte[]> _options = new();

    private DhcpRequest(DhcpPacketReader packet)
    {
        MessageType = packet.MessageType;
        HardwareType = packet.HardwareType;
        ClientHardwareAddress = packet.ClientHardwareAddress.ToArray();
        TransactionId = packet.TransactionId;
        Flags = packet.Flags;
        ClientAddress = packet.ClientAddressValue;
        RelayAddress = packet.RelayAddressValue;
        foreach (var option in packet.Options)
            _options.TryAdd(option.Code, option.Value.ToArray()); // first occurrence wins
        HardwareAddressText = HexText.FormatHardwareAddress(HardwareType, ClientHardwareAddress);
        ClientId = _options.TryGetValue(DhcpOptionCode.ClientId, out var id) && id.Length > 0 ? HexText.Format(id) : null;
        RequestedAddress = AddressOption(DhcpOptionCode.RequestedAddress);
        ServerIdentifier = AddressOption(DhcpOptionCode.ServerIdentifier);
        HostName = _options.TryGetValue(DhcpOptionCode.HostName, out var name) ? HostNames.Sanitize(Encoding.UTF8.GetString(name)) : null;
        ParameterRequestList = _options.GetValueOrDefault(DhcpOptionCode.ParameterRequestList);
        MaximumMessageSize = _options.TryGetValue(DhcpOptionCode.MaximumMessageSize, out var max) && max.Length == 2
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
        if (reader.ClientHardwareAddress.IsEmpty && reader.MessageType != DhcpMessageType.Inform)
        {
            problem = "no client hardware address";
            return null;
        }
        problem = null;
        return new DhcpRequest(reader);
    }

    public DhcpMessageType MessageType { get; }
    public byte HardwareType { get; }
    public byte[] ClientHardwareAddress { get; }
    public string HardwareAddressText { get; }
    public uint TransactionId { get; }
    public ushort Flags { get; }
    public uint ClientAddress { get; }
    public uint RelayAddress { get; }
    public string? ClientId { get; }
    public uint? RequestedAddress { get; }
    public uint? ServerIdentifier { get; }
    public string? HostName { get; }
    public byte[]? ParameterRequestList { get; }
    public int MaximumMessageSize { get; }

    public bool TryGetOption(byte code, out byte[] value) => _options.TryGetValue(code, out value!);

    private uint? AddressOption(byte code) =>
        _options.TryGetValue(code, out var value) && value.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(value) : null;
}
