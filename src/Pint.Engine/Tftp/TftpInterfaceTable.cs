using System.Collections.Concurrent;
using System.Net.NetworkInformation;

namespace Pint.Engine.Tftp;

/// <summary>The machine's interfaces by index, looked up once each: a request's interface picks its root and MTU.</summary>
internal sealed class TftpInterfaceTable
{
    private readonly ConcurrentDictionary<int, (string Name, int Mtu)> _interfaces = new();

    /// <summary>Name (for per-interface roots) and MTU (to cap blksize) of the interface a request came in on.</summary>
    public (string? Name, int Mtu) Describe(int index)
    {
        if (_interfaces.TryGetValue(index, out var known))
            return known;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            int nicIndex, mtu;
            try
            {
                var properties = nic.GetIPProperties();
                var v4 = nic.Supports(NetworkInterfaceComponent.IPv4) ? properties.GetIPv4Properties() : null;
                var v6 = nic.Supports(NetworkInterfaceComponent.IPv6) ? properties.GetIPv6Properties() : null;
                nicIndex = v4?.Index ?? v6?.Index ?? -1;
                mtu = v4?.Mtu ?? v6?.Mtu ?? 0;
            }
            catch (NetworkInformationException)
            {
                continue;
            }
            if (nicIndex == index)
                return _interfaces[index] = (nic.Name, mtu > 0 ? mtu : int.MaxValue);
        }
        return (null, int.MaxValue); // unknown interface: no MTU cap beyond the RFC maximum
    }
}
