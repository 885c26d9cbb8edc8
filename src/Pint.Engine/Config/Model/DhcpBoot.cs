using System.Net;

namespace Pint.Engine.Config;

/// <summary>One <c>dhcp-boot=[tag:x,]filename[,servername[,server address]]</c> line.</summary>
public sealed record DhcpBoot(
    string FileName, string? ServerName, IPAddress? ServerAddress, IReadOnlyList<string> Tags, ConfigSource Source);
