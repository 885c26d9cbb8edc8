using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Protocol;

namespace Pint.Engine.Dhcp.Server;

/// <summary>
/// Maps the interface index a packet arrived on (IP_PKTINFO) to our address and prefix on that interface.
/// Cached; a miss re-reads the system's interfaces, so interfaces that come up later are found.
/// </summary>
internal sealed class InterfaceResolver
{
    private readonly ConcurrentDictionary<int, DhcpReceiveContext> _byIndex = new();

    public DhcpReceiveContext? Resolve(int interfaceIndex)
    {
        if (_byIndex.TryGetValue(interfaceIndex, out var known)) return known;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var properties = nic.GetIPProperties();
            int index;
            try { index = properties.GetIPv4Properties()?.Index ?? -1; }
            catch (NetworkInformationException) { continue; }
            if (index != interfaceIndex) continue;
            var unicast = properties.UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
            if (unicast is null) return null;
            var context = new DhcpReceiveContext(unicast.Address, unicast.PrefixLength, nic.Name);
            _byIndex[interfaceIndex] = context;
            return context;
        }
        return null;
    }
}
