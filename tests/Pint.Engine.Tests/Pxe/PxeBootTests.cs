using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Pxe;

/// <summary>
/// Network-boots a QEMU virtual machine with its iPXE ROM: DHCP lease and boot file (chosen by client
/// architecture, option 93), the boot script over TFTP, which fetches a second script over TFTP that prints a
/// marker on the serial console. The dnsmasq runs prove the harness with the reference server; the Pint runs use
/// the service host (`pint -C conf`) with the same config.
/// </summary>
[Collection(PxeBootCollection.Name)]
public sealed class PxeBootTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromSeconds(100);
    private readonly string _dir = Directory.CreateTempSubdirectory("pint-pxe-").FullName;

    [PxeFact]
    public Task BiosBootsFromDnsmasq() => BootAsync(uefi: false, ServerKind.Dnsmasq);

    [PxeFact(Uefi = true)]
    public Task UefiBootsFromDnsmasq() => BootAsync(uefi: true, ServerKind.Dnsmasq);

    [PxeFact(NeedsPintDhcp = true)]
    public Task BiosBootsFromPint() => BootAsync(uefi: false, ServerKind.Pint);

    [PxeFact(Uefi = true, NeedsPintDhcp = true)]
    public Task UefiBootsFromPint() => BootAsync(uefi: true, ServerKind.Pint);

    private enum ServerKind { Dnsmasq, Pint }

    private async Task BootAsync(bool uefi, ServerKind server)
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "tftp")).FullName;
        // One script per architecture, each chaining to a shared second file: two TFTP downloads per boot.
        File.WriteAllText(Path.Combine(root, "bios.ipxe"), "#!ipxe\necho PINT-BOOTED-BIOS-SCRIPT\nchain tftp://${next-server}/second.ipxe\n");
        File.WriteAllText(Path.Combine(root, "uefi.ipxe"), "#!ipxe\necho PINT-BOOTED-UEFI-SCRIPT\nchain tftp://${next-server}/second.ipxe\n");
        File.WriteAllText(Path.Combine(root, "second.ipxe"), "#!ipxe\necho PINT-PXE-OK ip=${net0/ip} server=${next-server}\n");
        var config = Path.Combine(_dir, "pxe.conf");
        File.WriteAllText(config, $"""
            port=0
            interface={PxeNetwork.Tap}
            bind-interfaces
            dhcp-range=10.98.0.50,10.98.0.99,255.255.255.0,1h
            dhcp-leasefile={_dir}/leases
            dhcp-match=set:efi-x86_64,option:client-arch,7
            dhcp-boot=bios.ipxe
            dhcp-boot=tag:efi-x86_64,uefi.ipxe
            enable-tftp
            tftp-root={root}
            """);

        using var network = new PxeNetwork();
        var serverLog = Path.Combine(_dir, "server.log");
        if (server == ServerKind.Dnsmasq)
            network.Start(serverLog, PxeTestTools.Require("dnsmasq"), "--no-daemon", $"--conf-file={config}", "--user=root", "--log-dhcp", $"--pid-file={_dir}/dnsmasq.pid");
        else
            // Its own control socket: never the machine's /run/pint/pint.sock.
            network.Start(serverLog, PxeTestTools.Require("dotnet"), PintServiceHost.Path(), "-C", config, "--control-socket", Path.Combine(_dir, "pint.sock"));
        await WaitForAsync(() => File.Exists(serverLog) && Regex.IsMatch(File.ReadAllText(serverLog), "TFTP root is|pint\\[tftp\\]: started"), TimeSpan.FromSeconds(30), "the server to start", serverLog);

        var serial = Path.Combine(_dir, "serial.log");
        // TCG, not KVM: nested KVM on CI machines can stall iPXE; the scripts are tiny, so emulation is quick enough.
        var qemu = new List<string>
        {
            "-machine", uefi ? "q35,accel=tcg" : "pc,accel=tcg", "-m", "256",
            "-nographic", "-monitor", "none", "-serial", $"file:{serial}", "-no-reboot", "-boot", "n",
            "-netdev", $"tap,id=net0,ifname={PxeNetwork.Tap},script=no,downscript=no", "-device", "e1000,netdev=net0",
        };
        if (uefi)
        {
            var vars = Path.Combine(_dir, "OVMF_VARS.fd");
            File.Copy(PxeTestTools.OvmfVars, vars);
            qemu.AddRange(["-drive", $"if=pflash,format=raw,readonly=on,file={PxeTestTools.OvmfCode}", "-drive", $"if=pflash,format=raw,file={vars}"]);
        }
        var clock = Stopwatch.StartNew();
        network.Start(Path.Combine(_dir, "qemu.log"), PxeTestTools.Require("qemu-system-x86_64"), [.. qemu]);

        // The whole marker line: an emulated serial port writes it a few characters at a time.
        await WaitForAsync(() => Regex.IsMatch(SerialText(serial), "PINT-PXE-OK[^\n]*\n"), BootLimit, "the machine to print the marker", serial, serverLog);
        output.WriteLine($"{(uefi ? "UEFI" : "BIOS")} boot from {server} in {clock.Elapsed.TotalSeconds:F1} s");

        var console = SerialText(serial);
        Assert.Contains(uefi ? "PINT-BOOTED-UEFI-SCRIPT" : "PINT-BOOTED-BIOS-SCRIPT", console);
        var marker = Regex.Match(console, @"PINT-PXE-OK ip=10\.98\.0\.(\d+) server=10\.98\.0\.1");
        Assert.True(marker.Success, $"marker line without a lease from the range and next-server 10.98.0.1:\n{Tail(console)}");
        Assert.InRange(int.Parse(marker.Groups[1].Value), 50, 99);
    }

    private static string SerialText(string path)
    {
        if (!File.Exists(path))
            return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // Firmware consoles draw with escape sequences and carriage returns; keep the text.
        return Regex.Replace(new StreamReader(stream).ReadToEnd(), @"\x1b\[[0-9;?]*[A-Za-z]|\r", "");
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, string what, params string[] logs)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                var shown = string.Join("\n", logs.Select(l => $"--- {Path.GetFileName(l)}:\n{Tail(SerialText(l))}"));
                throw new TimeoutException($"Waited {limit.TotalSeconds:F0} s for {what}.\n{shown}");
            }
            await Task.Delay(250);
        }
    }

    private static string Tail(string text) => string.Join("\n", text.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(25));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
