namespace Pint.Engine.Hosting;

/// <summary>One service a config asks for, not built yet: reloads build only what changed.</summary>
/// <param name="Ports">The ports the service will bind, so a start that finds one taken can name who holds it.</param>
internal sealed record ServicePlan(string Name, IReadOnlyList<(string Protocol, int Port)> Ports, Func<IPintService> Create);

/// <summary>
/// Wires the setup steps' options to services, in start order: DNS first, so DHCP can name hosts in it. The host owns
/// what they share: DHCP finds the running DNS service (and its registry of lease names) through <c>running</c>.
/// </summary>
internal static class ServiceComposer
{
    /// <param name="setup">A setup without errors: every service it turns on has its options.</param>
    /// <param name="running">The host's current service of a name: DHCP finds DNS through it even after DNS restarts.</param>
    public static IReadOnlyList<ServicePlan> Plan(PintSetupResult setup, PintHostOptions options, IPintLog log, Func<string, IPintService?> running)
    {
        var workingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory;
        var config = setup.Config;
        var plans = new List<ServicePlan>();
        if (setup.Dns is { } dns)
            plans.Add(new ServicePlan("dns", [("udp", config.Dns.Port), ("tcp", config.Dns.Port)], () => new DnsService(
                DnsService.WithLog(dns, log),
                config.Dns.LogQueries ? new Dns.DnsQueryLog(line => log.Write(PintLogLevel.Information, "dns", line)) : null)));
        if (setup.Dhcp is { } dhcp)
            plans.Add(new ServicePlan("dhcp", [("udp", dhcp.ServerPort)], () => DhcpService.Create(config, dhcp, workingDirectory, () => running("dns") as DnsService, log)));
        if (config.Dhcp.Enabled6)
            // DHCPv6 leases go through the DHCPv4 store's writer when that owns the lease file: one journal, one file.
            plans.Add(new ServicePlan("dhcp6", [("udp", 547)], () => Dhcp6Service.Create(config, workingDirectory, log, () => running("dns") as DnsService,
                () => (running("dhcp") as DhcpService)?.Leases?.DiskWriter)));
        if (Dhcp6.Ra.RaOptions.IsEnabled(config))
            plans.Add(new ServicePlan("ra", [], () => new RaService(config, log,
                () => (running("dhcp") as DhcpService)?.Leases?.Snapshot(), () => (running("dns") as DnsService)?.Server.DhcpNames)));
        if (setup.Tftp is { } tftp)
            plans.Add(new ServicePlan("tftp", [("udp", Tftp.TftpServerOptions.DefaultPort)], () => new TftpService(tftp)));
        return plans;
    }
}
