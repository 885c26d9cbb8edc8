using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

/// <summary>Turns a loaded config into the services it asks for, in start order: DNS first, so DHCP can name hosts in it.</summary>
internal static class ServiceComposer
{
    public static IReadOnlyList<IPintService> Compose(PintConfig config, PintHostOptions options, IPintLog log)
    {
        var workingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory;
        var services = new List<IPintService>();
        // port=0 turns DNS off, as in dnsmasq.
        DnsService? dns = null;
        if (config.Dns.Port != 0)
            services.Add(dns = new DnsService(DnsService.MapOptions(config, workingDirectory, log)));
        // dhcp-range turns DHCP on, as in dnsmasq; DHCP names its leases in the DNS service above.
        if (config.Dhcp.Enabled)
            services.Add(DhcpService.Create(config, workingDirectory, dns, log));
        if (config.Tftp.Enabled)
            services.Add(new TftpService(TftpService.MapOptions(config, workingDirectory)));
        return services;
    }
}
