namespace Pint.Fuzz;

/// <summary>Every parser under fuzz, by the name the command line and the CI tests use.</summary>
public static class FuzzTargets
{
    public static readonly string[] Names =
        ["config", "hosts", "lease", "dns-parse", "dns-respond", "dns-upstream", "dhcp-parse", "dhcp-respond", "tftp-parse", "tftp-names"];

    public static FuzzTarget Create(string name, FuzzSeeds seeds) => name switch
    {
        "config" => new ConfigTarget(seeds),
        "hosts" => new HostsTarget(),
        "lease" => new LeaseTarget(),
        "dns-parse" => new DnsParseTarget(seeds),
        "dns-respond" => new DnsRespondTarget(seeds),
        "dns-upstream" => new DnsUpstreamTarget(seeds),
        "dhcp-parse" => new DhcpParseTarget(seeds),
        "dhcp-respond" => new DhcpRespondTarget(seeds),
        "tftp-parse" => new TftpParseTarget(),
        "tftp-names" => new TftpNameTarget(),
        _ => throw new ArgumentException($"unknown fuzz target '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
