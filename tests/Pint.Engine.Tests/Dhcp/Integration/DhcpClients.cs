namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>Runs the real DHCP clients (busybox udhcpc, ISC dhclient) in the lab's client namespace and reports what they were given.</summary>
internal static class DhcpClients
{
    /// <summary>
    /// udhcpc: one DORA, then exit without releasing. Returns the variables its script saw on "bound"
    /// (ip, subnet, router, dns, domain, lease, ...), or null when it got no lease.
    /// </summary>
    /// <param name="requested">An address to ask for in the DISCOVER (udhcpc -r), as a client that had it before does.</param>
    /// <param name="extra">More udhcpc arguments: <c>-V CLASS</c> for a vendor class, <c>-O N</c> to ask for option N (then seen as optN, in hex).</param>
    public static IReadOnlyDictionary<string, string>? Udhcpc(NetnsLab lab, string interfaceName, string? hostName = null, int tries = 3, string? requested = null,
        string extra = "")
    {
        var script = WriteScript(lab, $"udhcpc-{interfaceName}", "bound");
        var name = hostName is null ? "" : $"-x hostname:{hostName}";
        var ask = requested is null ? "" : $"-r {requested}";
        var (code, _) = lab.InClient("udhcpc", $"-i {interfaceName} -n -q -f -t {tries} -T 1 -s {script} {name} {ask} {extra}");
        return code == 0 ? ReadBound(script) : null;
    }

    /// <summary>dhclient -1: one DORA sending <paramref name="hostName"/>; returns the BOUND variables (new_ip_address, ...).</summary>
    public static IReadOnlyDictionary<string, string>? Dhclient(NetnsLab lab, string interfaceName, string hostName)
    {
        var script = WriteScript(lab, $"dhclient-{interfaceName}", "BOUND");
        File.WriteAllText(Path.Combine(lab.Directory, $"dhclient-{interfaceName}.conf"),
            $"send host-name \"{hostName}\";\nrequest subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, host-name;\n");
        var (code, _) = lab.InClient("dhclient", DhclientArguments(lab, interfaceName, "-1"), 20000);
        return code == 0 ? ReadBound(script) : null;
    }

    /// <summary>Forgets what dhclient remembered about the interface, so the next run starts as a new client.</summary>
    public static void DhclientForget(NetnsLab lab, string interfaceName) =>
        File.Delete(Path.Combine(lab.Directory, $"dhclient-{interfaceName}.leases"));

    /// <summary>dhclient -r: sends DHCPRELEASE for the lease dhclient holds on the interface.</summary>
    public static void DhclientRelease(NetnsLab lab, string interfaceName) =>
        lab.InClient("dhclient", DhclientArguments(lab, interfaceName, "-r"));

    private static string DhclientArguments(NetnsLab lab, string interfaceName, string mode)
    {
        string File(string ext) => Path.Combine(lab.Directory, $"dhclient-{interfaceName}.{ext}");
        return $"{mode} -cf {File("conf")} -sf {File("sh")} -lf {File("leases")} -pf {File("pid")} {interfaceName}";
    }

    /// <summary>A client script that saves its environment when the client reaches <paramref name="boundReason"/>.</summary>
    private static string WriteScript(NetnsLab lab, string name, string boundReason)
    {
        var script = Path.Combine(lab.Directory, name + ".sh");
        var output = script + ".env";
        File.Delete(output);
        // udhcpc passes the event as $1, dhclient as $reason.
        File.WriteAllText(script, $"#!/bin/sh\nif [ \"$1\" = {boundReason} ] || [ \"$reason\" = {boundReason} ]; then env > {output}; fi\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static IReadOnlyDictionary<string, string>? ReadBound(string script)
    {
        var output = script + ".env";
        if (!File.Exists(output)) return null;
        return File.ReadAllLines(output)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);
    }
}
