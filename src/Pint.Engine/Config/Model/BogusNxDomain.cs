using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>bogus-nxdomain=ADDRESS[/PREFIX]</c> line: an upstream reply holding an address in this network is
/// answered as NXDOMAIN (a registry's wildcard that points unknown names at its own web page).
/// </summary>
public sealed record BogusNxDomain(IPNetwork Network, ConfigSource Source);
