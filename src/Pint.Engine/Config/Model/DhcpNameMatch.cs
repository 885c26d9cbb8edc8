namespace Pint.Engine.Config;

/// <summary>One <c>dhcp-name-match=set:TAG,NAME[*]</c> line: a client whose hostname option is NAME (or starts with it, for NAME*) gets TAG.</summary>
public sealed record DhcpNameMatch(string SetTag, string Name, bool Prefix, ConfigSource Source);
