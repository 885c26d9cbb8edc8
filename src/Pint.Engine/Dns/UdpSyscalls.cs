using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Pint.Engine.Dns;

/// <summary>
/// The Linux message calls the UDP loops use where .NET has none: recvmmsg/sendmmsg (a batch per system call) and
/// recvmsg/sendmsg with control messages (the address a query was sent to, and the source of its reply).
/// </summary>
internal static unsafe class UdpSyscalls
{
    public const int Eintr = 4;
    private const int Ebadf = 9, Enotsock = 88;

    /// <summary>
    /// Whether a failed receive means the socket is gone (closed under the loop), so the loop ends. Anything else
    /// (a signal, a timeout, ENOMEM or ENOBUFS for a moment, a queued ICMP error) must not stop a DNS server.
    /// </summary>
    public static bool SocketGone(int errno) => errno is Ebadf or Enotsock;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec { public byte* Base; public nuint Length; }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr { public MsgHdr Header; public uint Length; }

    [DllImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static extern int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [DllImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static extern int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    // The handle is marshalled with a reference held for the call: a socket closed meanwhile cannot lend its number to another.
    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static extern nint RecvMsg(SafeSocketHandle socket, MsgHdr* message, int flags);

    [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    public static extern nint SendMsg(SafeSocketHandle socket, MsgHdr* message, int flags);
}
