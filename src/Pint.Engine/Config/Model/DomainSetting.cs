using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>domain=name[,subnet[,local]]</c> line. Without a subnet it is the default domain; with one it applies to
/// DHCP clients in that subnet. <see cref="Local"/> also makes the domain local (as <c>local=/name/</c>).
/// </summary>
public sealed record DomainSetting(string Name, IPAddress? Subnet, int? PrefixLength, bool Local, ConfigSource Source);
