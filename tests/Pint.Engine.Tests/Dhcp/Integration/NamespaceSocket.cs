using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// Creates a socket inside a network namespace. A socket stays in the namespace it was created in, so a short-lived
/// thread enters the namespace (setns), creates the socket and ends; the socket is then used from anywhere.
/// </summary>
internal static partial class NamespaceSocket
{
    private const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    public static Socket CreateUdp(string networkNamespace)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{networkNamespace}");
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns({networkNamespace}) failed: errno {Marshal.GetLastPInvokeError()}");
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"cannot create a socket in {networkNamespace}", error);
    }
}
