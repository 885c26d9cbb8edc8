using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>alias=OLD|START-END,NEW[,MASK]</c> line ("DNS doctoring"): an IPv4 address from upstream in
/// <see cref="First"/>..<see cref="Last"/> (or, without a range, equal to OLD under <see cref="Mask"/>) is rewritten
/// to NEW's network bits and its own host bits.
/// </summary>
public sealed record AddressAlias(IPAddress First, IPAddress Last, IPAddress Target, IPAddress Mask, ConfigSource Source);
