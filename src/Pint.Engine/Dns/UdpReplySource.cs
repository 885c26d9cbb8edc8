using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pint.Engine.Dns;

/// <summary>
/// The local address a UDP query was sent to, read from the IP_PKTINFO / IPV6_PKTINFO control message the kernel
/// attaches on a socket bound to a wildcard address, and written back as the control message that makes the reply
/// leave from that address. Left to the route, the kernel may pick another of the machine's addresses (the primary
/// one of the client's subnet), and the client drops an answer from an address it did not ask; dnsmasq replies from
/// the address asked. Linux only: the control message layout is the kernel's. The default value is "unknown": the
/// reply's source is left to the route, as on a socket bound to one address, where it is that address anyway.
/// </summary>
internal struct UdpReplySource
{
    /// <summary>Room for the control messages of one received datagram, and for the one of its reply.</summary>
    public const int ControlSpace = 64;

    private const int SolIp = 0, IpPktInfo = 8;                              // struct in_pktinfo { int ifindex; in_addr spec_dst, addr; }
    private const int SolIpv6 = 41, Ipv6RecvPktInfo = 49, Ipv6PktInfo = 50;  // struct in6_pktinfo { in6_addr addr; int ifindex; }
    private const int InPktInfoSize = 12, In6PktInfoSize = 20;
    // struct cmsghdr { size_t len; int level; int type; }, its data and every following header aligned to size_t.
    private static readonly int HeaderSize = Aligned(IntPtr.Size + 8);

    private AddressFamily _family;
    private int _interfaceIndex;
    private AddressBytes _address;

    [InlineArray(16)]
    private struct AddressBytes { private byte _first; }

    public readonly bool IsKnown => _family != AddressFamily.Unspecified;

    /// <summary>The IPv4 address the query was sent to as a big-endian number; 0 when unknown or IPv6.</summary>
    public readonly uint IPv4 => _family == AddressFamily.InterNetwork ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(((ReadOnlySpan<byte>)_address)[..4]) : 0;

    /// <summary>A socket's own IPv4 address as a big-endian number (IPv4-mapped too); 0 for a wildcard, IPv6 or none.</summary>
    public static uint IPv4Of(EndPoint? endPoint)
    {
        if (endPoint is not IPEndPoint { Address: var address }) return 0;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetwork) return 0;
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>The address the query was sent to, null when unknown.</summary>
    public readonly IPAddress? Address
    {
        get
        {
            if (!IsKnown) return null;
            ReadOnlySpan<byte> bytes = _address;
            var address = new IPAddress(_family == AddressFamily.InterNetwork ? bytes[..4] : bytes);
            if (address.IsIPv6LinkLocal) address.ScopeId = _interfaceIndex;
            return address;
        }
    }

    /// <summary>
    /// Has the kernel report the destination address of every datagram <paramref name="socket"/> (bound to a wildcard
    /// address) receives. Does nothing off Linux, where the loops cannot send from a chosen address.
    /// </summary>
    public static void Enable(Socket socket)
    {
        if (!OperatingSystem.IsLinux()) return;
        Span<byte> on = stackalloc byte[sizeof(int)];
        MemoryMarshal.Write(on, 1);
        if (socket.AddressFamily == AddressFamily.InterNetworkV6) socket.SetRawSocketOption(SolIpv6, Ipv6RecvPktInfo, on);
        else socket.SetRawSocketOption(SolIp, IpPktInfo, on);
    }

    /// <summary>
    /// The destination of a received datagram from its control messages (msg_control, msg_controllen bytes); unknown
    /// when none says it. A malformed or cut buffer reads as unknown: the reply then leaves as the route says.
    /// </summary>
    public static UdpReplySource Read(ReadOnlySpan<byte> control)
    {
        var source = new UdpReplySource();
        int offset = 0;
        while (control.Length - offset >= HeaderSize)
        {
            var message = control[offset..];
            long length = IntPtr.Size == 8 ? MemoryMarshal.Read<long>(message) : MemoryMarshal.Read<int>(message);
            if (length < HeaderSize || length > message.Length) break;
            int level = MemoryMarshal.Read<int>(message[IntPtr.Size..]), type = MemoryMarshal.Read<int>(message[(IntPtr.Size + 4)..]);
            var data = message[HeaderSize..(int)length];
            if (level == SolIp && type == IpPktInfo && data.Length >= InPktInfoSize)
            {
                // ipi_spec_dst, not ipi_addr: for a query to a broadcast address it is the local address to answer from.
                source._family = AddressFamily.InterNetwork;
                data.Slice(4, 4).CopyTo(source._address);
                return source;
            }
            if (level == SolIpv6 && type == Ipv6PktInfo && data.Length >= In6PktInfoSize)
            {
                source._family = AddressFamily.InterNetworkV6;
                data[..16].CopyTo(source._address);
                source._interfaceIndex = MemoryMarshal.Read<int>(data[16..]);
                return source;
            }
            offset += Aligned((int)length);
        }
        return source;
    }

    /// <summary>
    /// Writes the control message that sends a reply from this address into <paramref name="control"/> (at least
    /// <see cref="ControlSpace"/> bytes) and returns its length for msg_controllen; 0 (nothing to send) when unknown.
    /// </summary>
    public readonly int Write(Span<byte> control)
    {
        if (!IsKnown) return 0;
        bool v6 = _family == AddressFamily.InterNetworkV6;
        int dataLength = v6 ? In6PktInfoSize : InPktInfoSize;
        int space = HeaderSize + Aligned(dataLength);
        control[..space].Clear();
        if (IntPtr.Size == 8) MemoryMarshal.Write(control, (long)(HeaderSize + dataLength));
        else MemoryMarshal.Write(control, HeaderSize + dataLength);
        MemoryMarshal.Write(control[IntPtr.Size..], v6 ? SolIpv6 : SolIp);
        MemoryMarshal.Write(control[(IntPtr.Size + 4)..], v6 ? Ipv6PktInfo : IpPktInfo);
        var data = control[HeaderSize..];
        if (v6)
        {
            // The interface too: a link-local address means nothing without it.
            ((ReadOnlySpan<byte>)_address).CopyTo(data);
            MemoryMarshal.Write(data[16..], _interfaceIndex);
        }
        else
        {
            // ipi_ifindex stays 0: only the source is pinned, the route still chooses the way out.
            ((ReadOnlySpan<byte>)_address)[..4].CopyTo(data[4..]);
        }
        return space;
    }

    private static int Aligned(int length) => (length + IntPtr.Size - 1) & ~(IntPtr.Size - 1);
}
