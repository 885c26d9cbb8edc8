using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

/// <summary>One service a config asks for, not built yet: reloads build only what changed.</summary>
/// <param name="Ports">The ports the service will bind, so a start that finds one taken can name who holds it.</param>
internal sealed record ServicePlan(string Name, IReadOnlyList<(string Protocol, int Port)> Ports, Func<IPintService> Create);

/// <summary>Turns a loaded config into the services it asks for, in start order: DNS first, so DHCP can name hosts in it.</summary>
internal static class ServiceComposer
{
    /// <param name="running">The host's current service of a name: DHCP finds DNS through it even after DNS restarts.</param>
    public static IReadOnlyList<ServicePlan> Plan(PintConfig config, PintHostOptions options, IPintLog log, Func<string, IPintService?> running)
    {
        var workingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory;
        var plans = new List<ServicePlan>();
        // port=0 turns DNS off, as in dnsmasq.
        if (config.Dns.Port != 0)
            plans.Add(new ServicePlan("dns", [("udp", config.Dns.Port), ("tcp", config.Dns.Port)], () => new DnsService(
                DnsService.MapOptions(config, workingDirectory, log),
                config.Dns.LogQueries ? new Dns.DnsQueryLog(line => log.Write(PintLogLevel.Information, "dns", line)) : null)));
        // dhcp-range turns DHCP on, as in dnsmasq; DHCP names its leases in the DNS service above.
        if (config.Dhcp.Enabled)
            plans.Add(new ServicePlan("dhcp", [("udp", Dhcp.Protocol.DhcpServerOptions.DefaultServerPort)], () => DhcpService.Create(config, workingDirectory, () => running("dns") as DnsService, log)));
        if (config.Tftp.Enabled)
            plans.Add(new ServicePlan("tftp", [("udp", Tftp.TftpServerOptions.DefaultPort)], () => new TftpService(TftpService.MapOptions(config, workingDirectory))));
        return plans;
    }
}
