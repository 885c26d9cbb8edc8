using System.Net;
using System.Text;
using CsCheck;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Wire;
using Xunit;
using Pint.Engine.Net;

namespace Pint.Engine.Tests.Dhcp;

public class DhcpPacketReaderTests
{
    [Fact]
    public void Every_DHCP_packet_in_the_client_capture_is_accepted()
    {
        var packets = PcapFile.ReadDhcp("clients-dhcp-dns.pcap");

        Assert.Equal(13, packets.Count);
        var types = packets.Select(p =>
        {
            Assert.True(DhcpPacketReader.TryRead(p.Payload, out var reader, out var rejection), $"frame {p.Frame}: {rejection}");
            return reader.MessageType;
        }).ToArray();
        Assert.Equal(
            [DhcpMessageType.Discover, DhcpMessageType.Offer, DhcpMessageType.Request, DhcpMessageType.Ack,
             DhcpMessageType.Discover, DhcpMessageType.Offer, DhcpMessageType.Request, DhcpMessageType.Ack,
             DhcpMessageType.Discover, DhcpMessageType.Offer, DhcpMessageType.Request, DhcpMessageType.Ack,
             DhcpMessageType.Release],
            types);
    }

    [Fact]
    public void Udhcpc_request_fields_are_read()
    {
        var request = PcapFile.ReadDhcp("clients-dhcp-dns.pcap")[6].Payload; // laptop's REQUEST

        Assert.True(DhcpPacketReader.TryRead(request, out var reader, out _));
        Assert.True(reader.IsRequest);
        Assert.Equal("52:54:00:aa:bb:02", HexText.Format(reader.ClientHardwareAddress));
        Assert.True(reader.TryGetOption(DhcpOptionCode.HostName, out var name));
        Assert.Equal("laptop", Encoding.ASCII.GetString(name));
        Assert.True(reader.TryGetOption(DhcpOptionCode.RequestedAddress, out var requested));
        Assert.Equal(IPAddress.Parse("10.77.0.135"), new IPAddress(requested));
        Assert.True(reader.TryGetOption(DhcpOptionCode.ServerIdentifier, out var server));
        Assert.Equal(IPAddress.Parse("10.77.0.1"), new IPAddress(server));
        Assert.True(reader.TryGetOption(DhcpOptionCode.ParameterRequestList, out var prl));
        Assert.Equal(new byte[] { 1, 3, 6, 12, 15, 28, 42 }, prl.ToArray());
        Assert.False(reader.TryGetOption(DhcpOptionCode.Router, out _));
    }

    [Fact]
    public void Dnsmasq_offer_to_iPXE_is_read()
    {
        var offer = PcapFile.ReadDhcp("ipxe-bios-boot.pcap")[2].Payload;

        Assert.True(DhcpPacketReader.TryRead(offer, out var reader, out _));
        Assert.False(reader.IsRequest);
        Assert.Equal(DhcpMessageType.Offer, reader.MessageType);
        Assert.Equal(IPAddress.Parse("10.98.0.58"), reader.YourAddress);
        Assert.Equal(IPAddress.Parse("10.98.0.1"), reader.ServerAddress);
        Assert.True(reader.TryGetOption(DhcpOptionCode.BootFileName, out var file));
        Assert.Equal("boot.ipxe\0", Encoding.ASCII.GetString(file));
        var codes = new List<byte>();
        foreach (var option in reader.Options) codes.Add(option.Code);
        Assert.Equal(new byte[] { 53, 54, 51, 67, 58, 59, 1, 28, 3 }, codes);
    }

    [Fact]
    public void IPXE_discover_carries_PXE_options()
    {
        var discover = PcapFile.ReadDhcp("ipxe-bios-boot.pcap")[0].Payload;

        Assert.True(DhcpPacketReader.TryRead(discover, out var reader, out _));
        Assert.True(reader.TryGetOption(DhcpOptionCode.VendorClass, out var vendor));
        Assert.StartsWith("PXEClient", Encoding.ASCII.GetString(vendor));
        Assert.True(reader.TryGetOption(DhcpOptionCode.ClientArchitecture, out var arch));
        Assert.Equal(new byte[] { 0, 0 }, arch.ToArray());
        Assert.True(reader.TryGetOption(175, out var ipxe));
        Assert.Equal(48, ipxe.Length);
    }

    private static byte[] Packet(params byte[] options)
    {
        var packet = new byte[240 + options.Length];
        packet[0] = 1;
        packet[1] = 1;
        packet[2] = 6;
        packet[236] = 99; packet[237] = 130; packet[238] = 83; packet[239] = 99;
        options.CopyTo(packet, 240);
        return packet;
    }

    [Theory]
    [InlineData(new byte[] { 53, 1, 1, 255 }, DhcpPacketRejection.None)]
    [InlineData(new byte[] { 53, 1, 1 }, DhcpPacketRejection.None)] // no End: tolerated
    [InlineData(new byte[] { 12, 5, 1, 2 }, DhcpPacketRejection.BadOptionLength)]
    [InlineData(new byte[] { 53, 1, 1, 12 }, DhcpPacketRejection.BadOptionLength)]
    [InlineData(new byte[] { 12, 1, 65, 255 }, DhcpPacketRejection.MissingMessageType)]
    [InlineData(new byte[] { 53, 1, 9, 255 }, DhcpPacketRejection.BadMessageType)]
    [InlineData(new byte[] { 53, 2, 1, 1, 255 }, DhcpPacketRejection.BadMessageType)]
    [InlineData(new byte[] { 53, 1, 1, 52, 1, 4, 255 }, DhcpPacketRejection.BadOverload)]
    public void Options_are_bounds_checked(byte[] options, DhcpPacketRejection expected)
    {
        DhcpPacketReader.TryRead(Packet(options), out _, out var rejection);
        Assert.Equal(expected, rejection);
    }

    [Fact]
    public void Header_problems_are_named()
    {
        Assert.False(DhcpPacketReader.TryRead(Packet(53, 1, 1)[..239], out _, out var r1));
        Assert.Equal(DhcpPacketRejection.Truncated, r1);
        var badMagic = Packet(53, 1, 1);
        badMagic[239] = 0;
        Assert.False(DhcpPacketReader.TryRead(badMagic, out _, out var r2));
        Assert.Equal(DhcpPacketRejection.BadMagic, r2);
        var badHlen = Packet(53, 1, 1);
        badHlen[2] = 17;
        Assert.False(DhcpPacketReader.TryRead(badHlen, out _, out var r3));
        Assert.Equal(DhcpPacketRejection.BadHardwareAddressLength, r3);
    }

    [Fact]
    public void Overloaded_file_and_sname_carry_options()
    {
        var packet = Packet(52, 1, 3, 255);
        packet[108] = 53; packet[109] = 1; packet[110] = 3; packet[111] = 255; // file: message type REQUEST
        packet[44] = 12; packet[45] = 2; packet[46] = (byte)'p'; packet[47] = (byte)'c'; packet[48] = 255; // sname: host name

        Assert.True(DhcpPacketReader.TryRead(packet, out var reader, out _));
        Assert.Equal(DhcpMessageType.Request, reader.MessageType);
        Assert.True(reader.TryGetOption(DhcpOptionCode.HostName, out var name));
        Assert.Equal("pc", Encoding.ASCII.GetString(name));
        Assert.True(reader.BootFileName.IsEmpty);
        Assert.True(reader.ServerName.IsEmpty);
    }

    [Fact]
    public void Writer_output_reads_back_padded_to_BOOTP_minimum()
    {
        var buffer = new byte[576];
        var writer = new DhcpPacketWriter(buffer);
        writer.WriteHeader(reply: true, 1, [0x52, 0x54, 0, 1, 2, 3], 0, 0xdeadbeef, 0, 0x8000);
        writer.WriteAddresses(0, Ipv4.ToValue(IPAddress.Parse("10.0.0.9")), Ipv4.ToValue(IPAddress.Parse("10.0.0.1")), 0);
        writer.WriteBootFileName("pxelinux.0");
        writer.TryWriteOption(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Offer);
        writer.TryWriteOption(DhcpOptionCode.LeaseTime, 3600u);
        var length = writer.Finish();

        Assert.Equal(300, length);
        Assert.True(DhcpPacketReader.TryRead(buffer.AsSpan(0, length), out var reader, out _));
        Assert.Equal(0xdeadbeefu, reader.TransactionId);
        Assert.True(reader.BroadcastFlag);
        Assert.Equal("52:54:00:01:02:03", HexText.Format(reader.ClientHardwareAddress));
        Assert.Equal(IPAddress.Parse("10.0.0.9"), reader.YourAddress);
        Assert.Equal("pxelinux.0", Encoding.ASCII.GetString(reader.BootFileName));
        Assert.True(reader.TryGetOption(DhcpOptionCode.LeaseTime, out var lease));
        Assert.Equal(new byte[] { 0, 0, 0x0e, 0x10 }, lease.ToArray());
    }

    [Fact]
    public void Writer_leaves_out_options_that_do_not_fit()
    {
        var buffer = new byte[300];
        var writer = new DhcpPacketWriter(buffer);
        writer.WriteHeader(reply: true, 1, [1, 2, 3, 4, 5, 6], 0, 1, 0, 0);
        Assert.True(writer.TryWriteOption(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Ack));
        Assert.False(writer.TryWriteOption(43, new byte[255]));
        Assert.True(DhcpPacketReader.TryRead(buffer.AsSpan(0, writer.Finish()), out _, out _));
    }

    [Fact]
    public void Random_and_mutated_packets_never_throw()
    {
        var captured = PcapFile.ReadDhcp("clients-dhcp-dns.pcap").Concat(PcapFile.ReadDhcp("ipxe-bios-boot.pcap"))
            .Select(d => d.Payload).ToArray();
        var mutated =
            from seed in Gen.Int[0, captured.Length - 1]
            from flips in Gen.Select(Gen.Int[0, 600], Gen.Byte).Array[1, 8]
            from cut in Gen.Int[0, 700]
            select Mutate(captured[seed], flips, cut);
        var random = Gen.Byte.Array[0, 600];

        Gen.OneOf(mutated, random).Sample(packet =>
        {
            if (!DhcpPacketReader.TryRead(packet, out var reader, out _)) return;
            foreach (var option in reader.Options) _ = option.Value.Length;
            _ = reader.ServerName.Length + reader.BootFileName.Length + reader.ClientHardwareAddress.Length;
            _ = reader.ClientAddress;
        }, iter: 20_000);
    }

    private static byte[] Mutate(byte[] packet, (int At, byte Value)[] flips, int cut)
    {
        var copy = packet[..Math.Min(packet.Length, Math.Max(cut, 200))];
        foreach (var (at, value) in flips)
            if (at < copy.Length) copy[at] = value;
        return copy;
    }
}
