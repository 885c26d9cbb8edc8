namespace Pint.Engine.Config;

/// <summary>
/// One <c>tag-if=set:tag[,set:tag],tag:tag[,tag:tag]</c> line: when all <see cref="IfTags"/> are set (a leading
/// <c>!</c> means "not set"), set every tag of <see cref="SetTags"/>. With no <c>tag:</c> it applies always.
/// </summary>
public sealed record TagIf(IReadOnlyList<string> SetTags, IReadOnlyList<string> IfTags, ConfigSource Source);
