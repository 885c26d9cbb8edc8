namespace Pint.Engine.Config;

/// <summary>A loaded dnsmasq-format configuration, typed. Produced by <see cref="ConfigLoader"/>.</summary>
public sealed class PintConfig
{
    public DnsConfig Dns { get; } = new();
    public DhcpConfig Dhcp { get; } = new();
    public TftpConfig Tftp { get; } = new();
}
