using System.Net;
using System.Text;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>Builds client packets the way a DHCP client would, for the protocol tests.</summary>
internal sealed class DhcpTestPackets(string mac)
{
    public byte[] Mac { get; } = mac.Split(':').Select(b => Convert.ToByte(b, 16)).ToArray();
    public uint TransactionId { get; set; } = 0x1234;
    public string? HostName { get; init; }
    public byte[]? ClientId { get; init; }
    public byte[]? ParameterRequestList { get; init; } = [1, 3, 6, 12, 15, 28, 42];
    public IPAddress? RelayAddress { get; init; }
    public bool Broadcast { get; init; }
    public List<(byte Code, byte[] Value)> ExtraOptions { get; } = [];

    public byte[] Discover(IPAddress? requested = null) => Build(DhcpMessageType.Discover, null, requested, null);

    public byte[] Select(IPAddress offered, IPAddress server) => Build(DhcpMessageType.Request, null, offered, server);

    public byte[] InitReboot(IPAddress address) => Build(DhcpMessageType.Request, null, address, null);

    public byte[] Renew(IPAddress current) => Build(DhcpMessageType.Request, current, null, null);

    public byte[] Release(IPAddress current, IPAddress server) => Build(DhcpMessageType.Release, current, null, server);

    public byte[] Decline(IPAddress address, IPAddress server) => Build(DhcpMessageType.Decline, null, address, server);

    public byte[] Inform(IPAddress current) => Build(DhcpMessageType.Inform, current, null, null);

    private byte[] Build(DhcpMessageType type, IPAddress? clientAddress, IPAddress? requested, IPAddress? server)
    {
        var buffer = new byte[576];
        var writer = new DhcpPacketWriter(buffer);
        writer.WriteHeader(reply: false, 1, Mac, 0, TransactionId, 0, Broadcast ? (ushort)0x8000 : (ushort)0);
        writer.WriteAddresses(clientAddress is null ? 0 : Ipv4.ToValue(clientAddress), 0, 0, RelayAddress is null ? 0 : Ipv4.ToValue(RelayAddress));
        writer.TryWriteOption(DhcpOptionCode.MessageType, (byte)type);
        if (requested is not null) writer.TryWriteOption(DhcpOptionCode.RequestedAddress, requested.GetAddressBytes());
        if (server is not null) writer.TryWriteOption(DhcpOptionCode.ServerIdentifier, server.GetAddressBytes());
        if (ClientId is not null) writer.TryWriteOption(DhcpOptionCode.ClientId, ClientId);
        if (HostName is not null) writer.TryWriteOption(DhcpOptionCode.HostName, Encoding.ASCII.GetBytes(HostName));
        if (ParameterRequestList is not null) writer.TryWriteOption(DhcpOptionCode.ParameterRequestList, ParameterRequestList);
        foreach (var (code, value) in ExtraOptions) writer.TryWriteOption(code, value);
        return buffer[..writer.Finish()];
    }
}

/// <summary>A server reply, read back for assertions.</summary>
internal sealed record DhcpTestReply(DhcpMessageType Type, IPAddress YourAddress, IPAddress ServerAddress, string BootFile, IReadOnlyList<(byte Code, byte[] Value)> Options)
{
    public static DhcpTestReply Read(byte[] packet)
    {
        if (!DhcpPacketReader.TryRead(packet, out var reader, out var rejection))
            throw new InvalidDataException($"server reply does not parse: {rejection}");
        var options = new List<(byte, byte[])>();
        foreach (var option in reader.Options) options.Add((option.Code, option.Value.ToArray()));
        return new(reader.MessageType, reader.YourAddress, reader.ServerAddress, Encoding.ASCII.GetString(reader.BootFileName), options);
    }

    public byte[]? Option(byte code) => Options.FirstOrDefault(o => o.Code == code).Value;

    public IPAddress? AddressOption(byte code) => Option(code) is { } v ? new IPAddress(v) : null;

    public string? TextOption(byte code) => Option(code) is { } v ? Encoding.ASCII.GetString(v) : null;

    public byte[] Codes => Options.Select(o => o.Code).ToArray();
}
