namespace Pint.Engine.Config;

/// <summary>One <c>ptr-record=name[,target]</c> line.</summary>
public sealed record PtrRecord(string Name, string? Target, ConfigSource Source);
