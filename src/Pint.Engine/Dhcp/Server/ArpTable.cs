using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Pint.Engine.Dhcp.Server;

/// <summary>
/// Installs an ARP entry so a reply can be unicast to a client that has no address yet (as dnsmasq does):
/// the kernel cannot resolve the client's MAC by ARP before the client has accepted the address.
/// Linux only (ioctl SIOCSARP); elsewhere it reports failure and the caller broadcasts instead.
/// </summary>
internal static partial class ArpTable
{
    private const uint SetArpEntry = 0x8955; // SIOCSARP
    private const int ArpCompleted = 0x02;   // ATF_COM
    private const ushort InetFamily = 2;     // AF_INET
    private const ushort EtherHardware = 1;  // ARPHRD_ETHER

    // struct arpreq { sockaddr arp_pa; sockaddr arp_ha; int arp_flags; sockaddr arp_netmask; char arp_dev[16]; }
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct ArpRequest
    {
        public fixed byte ProtocolAddress[16];
        public fixed byte HardwareAddress[16];
        public int Flags;
        public fixed byte Netmask[16];
        public fixed byte Device[16];
    }

    public static unsafe bool TrySet(Socket socket, IPAddress address, ReadOnlySpan<byte> mac, string interfaceName)
    {
        if (!OperatingSystem.IsLinux() || mac.Length != 6 || interfaceName.Length >= 16) return false;
        var request = new ArpRequest { Flags = ArpCompleted };
        var pa = new Span<byte>(request.ProtocolAddress, 16);
        BitConverter.TryWriteBytes(pa, InetFamily);
        address.TryWriteBytes(pa[4..], out _);
        var ha = new Span<byte>(request.HardwareAddress, 16);
        BitConverter.TryWriteBytes(ha, EtherHardware);
        mac.CopyTo(ha[2..]);
        var device = new Span<byte>(request.Device, 16);
        System.Text.Encoding.ASCII.GetBytes(interfaceName, device);
        return Ioctl((int)socket.Handle, SetArpEntry, &request) == 0;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int Ioctl(int fd, nuint request, void* argument);
}
