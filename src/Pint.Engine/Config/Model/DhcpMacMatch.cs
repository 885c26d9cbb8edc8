namespace Pint.Engine.Config;

/// <summary>One <c>dhcp-mac=set:TAG,MAC</c> line: a client whose hardware address matches the pattern gets TAG.</summary>
public sealed record DhcpMacMatch(string SetTag, string Pattern, ConfigSource Source);
