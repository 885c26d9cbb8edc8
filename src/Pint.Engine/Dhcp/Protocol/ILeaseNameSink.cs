using System.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>Receives the names of leased hosts (qualified with the domain) so DNS can answer for them.</summary>
public interface ILeaseNameSink
{
    void Add(string fqdn, IPAddress address);
    void Remove(string fqdn);
}
