using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>domain=name[,subnet[,local]]</c> or <c>domain=name,start,end</c> line. Without a subnet it is the default
/// domain; with one it applies to DHCP clients in that subnet (<see cref="Subnet"/>/<see cref="PrefixLength"/>) or
/// address range (<see cref="Subnet"/> to <see cref="RangeEnd"/>). <see cref="Local"/> also makes the domain local
/// (as <c>local=/name/</c>).
/// </summary>
public sealed record DomainSetting(string Name, IPAddress? Subnet, int? PrefixLength, bool Local, ConfigSource Source)
{
    /// <summary>The last address of the <c>domain=name,start,end</c> form; null for the other forms.</summary>
    public IPAddress? RangeEnd { get; init; }
}
