using System.Globalization;

namespace Pint.Soak;

/// <summary>
/// Datagrams the kernel dropped because a socket's receive buffer was full (the last column of /proc/net/udp):
/// tells a lost DNS answer in the server from one lost in the load generator.
/// </summary>
public static class UdpDrops
{
    /// <summary>Drops summed over the IPv4 UDP sockets bound to <paramref name="port"/> (in this network namespace).</summary>
    public static long ForPort(int port)
    {
        long drops = 0;
        foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = fields[1];
            if (int.Parse(local[(local.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                drops += long.Parse(fields[^1], CultureInfo.InvariantCulture);
        }
        return drops;
    }
}
