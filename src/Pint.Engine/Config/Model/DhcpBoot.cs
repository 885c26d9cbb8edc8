using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>dhcp-boot=[tag:x,]filename[,servername[,server address]]</c> line. dnsmasq also accepts a host name as the
/// third field (resolved when answering); it is kept in <see cref="ServerAddressName"/>.
/// </summary>
public sealed record DhcpBoot(
    string FileName, string? ServerName, IPAddress? ServerAddress, IReadOnlyList<string> Tags, ConfigSource Source)
{
    public string? ServerAddressName { get; init; }
}
