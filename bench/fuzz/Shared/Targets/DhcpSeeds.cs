using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Hosting;

namespace Pint.Fuzz;

/// <summary>DHCP seeds (captured client and server packets plus made-up ones) and the small server config the responder uses.</summary>
public static class DhcpSeeds
{
    public const string ServerConfig = """
        dhcp-range=192.168.7.50,192.168.7.150,255.255.255.0,12h
        dhcp-range=tag:relayed,10.9.0.10,10.9.0.20,255.255.255.0,1h
        dhcp-host=52:54:00:aa:bb:01,192.168.7.20,fixed,infinite
        dhcp-host=52:54:00:aa:bb:02,ignore
        dhcp-host=id:01:02:03,192.168.7.21
        dhcp-option=3,192.168.7.1
        dhcp-option=option:dns-server,192.168.7.1,192.168.7.2
        dhcp-option=option:domain-search,lan,example.com
        dhcp-option=121,10.0.0.0/8,192.168.7.1
        dhcp-option-force=tag:ipxe,66,tftp.lan
        dhcp-match=set:ipxe,175
        dhcp-match=set:efi,option:client-arch,7
        tag-if=set:netboot,tag:ipxe,tag:!efi
        dhcp-boot=tag:!ipxe,undionly.kpxe
        dhcp-boot=tag:ipxe,http://192.168.7.1/boot.ipxe
        dhcp-authoritative
        domain=lan
        dhcp-lease-max=60
        """;

    public static DhcpResponder Responder(LeaseStore leases)
    {
        var result = ConfigLoader.LoadText(ServerConfig, "dhcp.conf", new ConfigLoadOptions { ReadHostsFiles = false });
        if (result.HasErrors) throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
        return new DhcpResponder(DhcpSetup.Build(result.Config).Options!, leases);
    }

    public static IReadOnlyList<byte[]> Packets(FuzzSeeds seeds) =>
    [
        .. seeds.Udp(67),
        Request(1, [0x52, 0x54, 0, 0xaa, 0xbb, 0x01], [53, 1, 1, 55, 4, 1, 3, 6, 15, 255]),
        Request(2, [0x52, 0x54, 0, 0xaa, 0xbb, 0x03], [53, 1, 3, 50, 4, 192, 168, 7, 60, 54, 4, 192, 168, 7, 1, 12, 3, (byte)'p', (byte)'c', (byte)'1', 255]),
        Request(3, [0x52, 0x54, 0, 0xaa, 0xbb, 0x04], [53, 1, 1, 61, 4, 1, 1, 2, 3, 175, 2, 1, 1, 93, 2, 0, 7, 57, 2, 2, 64, 255]),
        Request(4, [0x52, 0x54, 0, 0xaa, 0xbb, 0x05], [53, 1, 8, 55, 2, 1, 3, 255]),
        Request(5, [0x52, 0x54, 0, 0xaa, 0xbb, 0x06], [52, 1, 3, 53, 1, 7, 54, 4, 192, 168, 7, 1, 255]),
    ];

    /// <summary>A BOOTREQUEST with the given chaddr and raw options (after the cookie).</summary>
    public static byte[] Request(uint transactionId, byte[] hardwareAddress, byte[] options)
    {
        var packet = new byte[240 + options.Length];
        packet[0] = 1;
        packet[1] = 1;
        packet[2] = (byte)hardwareAddress.Length;
        packet[4] = (byte)(transactionId >> 24);
        packet[7] = (byte)transactionId;
        hardwareAddress.CopyTo(packet, 28);
        packet[236] = 99; packet[237] = 130; packet[238] = 83; packet[239] = 99;
        options.CopyTo(packet, 240);
        return packet;
    }
}
