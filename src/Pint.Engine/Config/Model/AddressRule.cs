using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>address=/domain[/domain...]/[ip]</c> line: names in these domains resolve to <see cref="Address"/>;
/// with no address they get NXDOMAIN (dnsmasq's meaning of an empty address). <c>#</c> as the address means
/// the unspecified address (0.0.0.0 and ::), kept as <see cref="IsUnspecified"/>.
/// </summary>
public sealed record AddressRule(IReadOnlyList<string> Domains, IPAddress? Address, bool IsUnspecified, ConfigSource Source);
