namespace Pint.Engine.Dhcp.Protocol;

/// <summary>A <c>tag-if</c>: when the client has all <paramref name="RequiredTags"/>, set <paramref name="SetTags"/>. Applied in order.</summary>
public sealed record DhcpTagIf(IReadOnlyList<string> SetTags, IReadOnlyList<string> RequiredTags);
