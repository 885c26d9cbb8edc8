namespace Pint.Engine.Config;

/// <summary>One <c>tftp-root=dir[,interface]</c> line.</summary>
public sealed record TftpRoot(string Directory, string? Interface, ConfigSource Source);
