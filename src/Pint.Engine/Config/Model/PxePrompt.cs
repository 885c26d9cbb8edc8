namespace Pint.Engine.Config;

/// <summary>One <c>pxe-prompt=[tag:x,]prompt[,timeout]</c> line; timeout in seconds (dnsmasq's default is 10).</summary>
public sealed record PxePrompt(string Prompt, int Timeout, IReadOnlyList<string> Tags, ConfigSource Source);
