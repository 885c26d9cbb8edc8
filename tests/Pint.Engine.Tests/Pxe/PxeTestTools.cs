using Pint.Engine.Hosting;

namespace Pint.Engine.Tests.Pxe;

internal static class PxeTestTools
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public const string OvmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";
    private static readonly string[] IpxeRoms = ["/usr/share/qemu/efi-e1000.rom", "/usr/lib/ipxe/qemu/efi-e1000.rom"];

    public static bool IsCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static bool HostHasDhcp => typeof(PintServerHost).Assembly.GetType("Pint.Engine.Hosting.DhcpService") is not null;

    /// <summary>The first tool or firmware file the boot test lacks, or null.</summary>
    public static string? Missing(bool uefi)
    {
        foreach (var tool in new[] { "qemu-system-x86_64", "ip", "dnsmasq" })
            if (Find(tool) is null)
                return tool;
        if (!IpxeRoms.Any(File.Exists))
            return "the iPXE ROM for e1000 (ipxe-qemu)";
        if (uefi && !(File.Exists(OvmfCode) && File.Exists(OvmfVars)))
            return "OVMF firmware (ovmf)";
        return null;
    }

    public static string Require(string tool) =>
        Find(tool) ?? throw new InvalidOperationException($"{tool} is required under CI=true but is not on PATH (apt-get install qemu-system-x86 ipxe-qemu ovmf dnsmasq-base iproute2).");

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
