using Xunit;

namespace Pint.Engine.Tests.Pxe;

/// <summary>
/// A network boot test: needs Linux, root (network namespaces, tap devices, port 67/69), QEMU with its iPXE
/// ROMs, dnsmasq, and for UEFI the OVMF firmware. A missing tool or firmware skips the test with the reason,
/// except under CI=true, where the test runs and fails loudly. <see cref="NeedsPintDhcp"/>: the test boots from
/// Pint's own DHCP server, which the service host runs only once Hosting/DhcpService exists.
/// </summary>
public sealed class PxeFactAttribute : FactAttribute
{
    public bool Uefi { get; set; }
    public bool NeedsPintDhcp { get; set; }

    public override string? Skip
    {
        get
        {
            if (base.Skip is not null)
                return base.Skip;
            if (!OperatingSystem.IsLinux())
                return "Linux only (network namespaces and tap devices)";
            if (Environment.UserName != "root")
                return "needs root (network namespace, tap device, DHCP port 67, TFTP port 69)";
            if (NeedsPintDhcp && !PxeTestTools.HostHasDhcp)
                return "Pint's service host does not run DHCP yet (Pint.Engine.Hosting.DhcpService is not in this build)";
            if (PxeTestTools.Missing(Uefi) is { } missing && !PxeTestTools.IsCi)
                return $"{missing} is not installed (apt-get install qemu-system-x86 ipxe-qemu ovmf dnsmasq-base iproute2)";
            return null;
        }
        set => base.Skip = value;
    }
}
