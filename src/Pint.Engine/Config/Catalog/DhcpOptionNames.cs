namespace Pint.Engine.Config;

/// <summary>
/// DHCPv4 option names dnsmasq 2.90 understands in <c>option:name</c> (the list printed by <c>dnsmasq --help dhcp</c>).
/// Names match case-insensitively, as in dnsmasq.
/// </summary>
public static class DhcpOptionNames
{
    private static readonly (int Number, string Name)[] Table =
    [
        (1, "netmask"),
        (2, "time-offset"),
        (3, "router"),
        (6, "dns-server"),
        (7, "log-server"),
        (9, "lpr-server"),
        (13, "boot-file-size"),
        (15, "domain-name"),
        (16, "swap-server"),
        (17, "root-path"),
        (18, "extension-path"),
        (19, "ip-forward-enable"),
        (20, "non-local-source-routing"),
        (21, "policy-filter"),
        (22, "max-datagram-reassembly"),
        (23, "default-ttl"),
        (26, "mtu"),
        (27, "all-subnets-local"),
        (31, "router-discovery"),
        (32, "router-solicitation"),
        (33, "static-route"),
        (34, "trailer-encapsulation"),
        (35, "arp-timeout"),
        (36, "ethernet-encap"),
        (37, "tcp-ttl"),
        (38, "tcp-keepalive"),
        (40, "nis-domain"),
        (41, "nis-server"),
        (42, "ntp-server"),
        (44, "netbios-ns"),
        (45, "netbios-dd"),
        (46, "netbios-nodetype"),
        (47, "netbios-scope"),
        (48, "x-windows-fs"),
        (49, "x-windows-dm"),
        (58, "T1"),
        (59, "T2"),
        (60, "vendor-class"),
        (64, "nis+-domain"),
        (65, "nis+-server"),
        (66, "tftp-server"),
        (67, "bootfile-name"),
        (68, "mobile-ip-home"),
        (69, "smtp-server"),
        (70, "pop3-server"),
        (71, "nntp-server"),
        (74, "irc-server"),
        (77, "user-class"),
        (80, "rapid-commit"),
        (93, "client-arch"),
        (94, "client-interface-id"),
        (97, "client-machine-id"),
        (100, "posix-timezone"),
        (101, "tzdb-timezone"),
        (108, "ipv6-only"),
        (119, "domain-search"),
        (120, "sip-server"),
        (121, "classless-static-route"),
        (125, "vendor-id-encap"),
        (150, "tftp-server-address"),
        (255, "server-ip-address"),
    ];

    private static readonly Dictionary<string, int> NumberByName =
        Table.ToDictionary(t => t.Name, t => t.Number, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<int, string> NameByNumber =
        Table.ToDictionary(t => t.Number, t => t.Name);

    /// <summary>The option number for a dnsmasq option name such as <c>router</c> (3).</summary>
    public static bool TryGetNumber(string name, out int number) => NumberByName.TryGetValue(name, out number);

    /// <summary>The dnsmasq name of an option number, or null when dnsmasq has none.</summary>
    public static string? NameOf(int number) => NameByNumber.GetValueOrDefault(number);

    /// <summary>Every (number, name) pair dnsmasq knows.</summary>
    public static IReadOnlyList<(int Number, string Name)> All => Table;
}
