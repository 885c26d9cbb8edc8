using System.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>A <c>dhcp-boot</c>: boot file, optional server name and next-server address, for clients with the given tags.</summary>
public sealed record DhcpBoot(string File, string? ServerName = null, IPAddress? ServerAddress = null, IReadOnlyList<string>? RequiredTags = null);
