using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// dhcp-script side by side with dnsmasq 2.90: the same config and the same real clients (udhcpc, dhclient) in the
/// lab's namespaces, a script recording "$@" and its DNSMASQ_* variables on each server; the calls must match in
/// action, MAC, IP and host name, and in every variable, the time-dependent ones (LEASE_EXPIRES, TIME_REMAINING) only
/// in being set, and DNSMASQ_TAGS as a set.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpScriptDnsmasqTests
{
    private const string Laptop = "52:54:00:77:09:01";
    private const string Releasing = "52:54:00:77:09:02";

    [Fact]
    public void Add_old_rename_release_and_start_up_calls_match_dnsmasqs()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dhclient", "dnsmasq", "ss");
        if (lab is null) return;
        var laptop = lab.AddClientInterface(Laptop);
        var releasing = lab.AddClientInterface(Releasing);

        (List<string> Live, List<string> Startup) Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            var output = Path.Combine(lab.Directory, name + ".script.out");
            var script = Path.Combine(lab.Directory, name + ".script.sh");
            File.WriteAllText(script, $"#!/bin/sh\n{{ printf 'ARGS'; for a in \"$@\"; do printf ' %s' \"$a\"; done; printf '\\n'; env | grep '^DNSMASQ_' | sort; echo ---; }} >> {output}\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // Tags from dhcp-mac, dhcp-vendorclass and tag-if, so DNSMASQ_TAGS has more than the interface.
            var config = LabConfig.Write(lab, name, $"no-ping\ndhcp-script={script}\ndhcp-mac=set:qemu,52:54:00:*:*:*\ndhcp-vendorclass=set:vend,pint-lab\ntag-if=set:both,tag:qemu,tag:vend");
            DhcpClients.DhclientForget(lab, releasing);
            using (start(lab, config))
            {
                Assert.True(Udhcpc(lab, laptop, "laptop"), "first lease");     // add
                Assert.True(Udhcpc(lab, laptop, "laptop"), "renewal");        // old
                Assert.True(Udhcpc(lab, laptop, "laptop2"), "new name");      // old (no name, OLD_HOSTNAME) + old laptop2
                var bound = DhcpClients.Dhclient(lab, releasing, "relbox");   // add
                Assert.NotNull(bound);
                lab.Configure(releasing, bound["new_ip_address"]);
                DhcpClients.DhclientRelease(lab, releasing);                  // del
                lab.Unconfigure(releasing);
                WaitForCalls(output, 6);
            }
            var live = Calls(output);
            File.Delete(output);
            // Restarted on its lease file: "old" for the lease still held (dnsmasq 2.90 sometimes reports one twice).
            using (start(lab, config)) WaitForCalls(output, 1);
            Thread.Sleep(500);
            return (live, Calls(output).Distinct().ToList());
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        // The reference did what this test expects of it.
        Assert.Equal(["add", "old", "old", "old", "add", "del"], dnsmasq.Live.Select(c => c.Split(' ')[0]));
        Assert.Contains("DNSMASQ_OLD_HOSTNAME=laptop", dnsmasq.Live[2]);
        Assert.Contains("DNSMASQ_TAGS=both,", dnsmasq.Live[0]);
        Assert.Equal(dnsmasq.Live, pint.Live);
        Assert.Equal(dnsmasq.Startup, pint.Startup);
    }

    /// <summary>udhcpc with a vendor class and two user classes (RFC 3004), one DORA; true when it got a lease.</summary>
    private static bool Udhcpc(NetnsLab lab, string interfaceName, string hostName)
    {
        var script = Path.Combine(lab.Directory, "udhcpc-noop.sh");
        if (!File.Exists(script))
        {
            File.WriteAllText(script, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var (code, _) = lab.InClient("udhcpc", $"-i {interfaceName} -n -q -f -t 8 -T 1 -s {script} -x hostname:{hostName} -V pint-lab -x 0x4d:0568656c6c6f03616263");
        return code == 0;
    }

    private static void WaitForCalls(string output, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && Calls(output).Count < count) Thread.Sleep(50);
        Assert.True(Calls(output).Count >= count, $"expected {count} script calls in {output}: {string.Join(" | ", Calls(output))}");
    }

    /// <summary>Each call as "ARGS | VAR=value ..." with the time-dependent values reduced to whether they are set.</summary>
    private static List<string> Calls(string output)
    {
        var calls = new List<string>();
        if (!File.Exists(output)) return calls;
        string? args = null;
        var env = new List<string>();
        foreach (var line in File.ReadAllLines(output))
        {
            if (line.StartsWith("ARGS", StringComparison.Ordinal)) { args = line[4..].Trim(); env.Clear(); }
            else if (line == "---") calls.Add(args + " | " + string.Join(' ', env.Order(StringComparer.Ordinal)));
            else if (line.Split('=', 2) is [var key, var value])
                env.Add(key switch
                {
                    "DNSMASQ_LEASE_EXPIRES" or "DNSMASQ_TIME_REMAINING" => value == "0" ? $"{key}=0" : $"{key}=set",
                    "DNSMASQ_TAGS" => $"{key}={string.Join(',', value.Split(' ').Order(StringComparer.Ordinal))}",
                    _ => line,
                });
        }
        return calls;
    }
}
