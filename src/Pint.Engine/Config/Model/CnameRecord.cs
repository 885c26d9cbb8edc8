namespace Pint.Engine.Config;

/// <summary>One <c>cname=alias[,alias...],target[,ttl]</c> line.</summary>
public sealed record CnameRecord(IReadOnlyList<string> Aliases, string Target, int? Ttl, ConfigSource Source);
