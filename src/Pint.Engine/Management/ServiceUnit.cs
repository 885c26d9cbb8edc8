using System.Text;

namespace Pint.Engine.Management;

/// <summary>
/// What Install-PintService writes: a systemd unit that runs the service host with the config, restarts it on
/// failure and gives it only the capabilities a DNS/DHCP/TFTP server needs instead of full root.
/// </summary>
public static class ServiceUnit
{
    /// <summary>The dotnet host that runs this very runtime: the service must run on the same .NET as the module.</summary>
    public static string DotnetHostPath()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> .../dotnet/dotnet
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        return Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
    }

    /// <summary>The command line a service manager runs.</summary>
    public static string CommandLine(string dotnetHost, string serviceDll, string configPath) =>
        $"{Quote(dotnetHost)} {Quote(serviceDll)} --conf-file {Quote(configPath)} --keep-in-foreground";

    public static string SystemdUnit(string name, string dotnetHost, string serviceDll, string configPath, string? user)
    {
        var b = new StringBuilder();
        b.Append("# Written by Install-PintService. Remove with Uninstall-PintService.\n");
        b.Append("[Unit]\n");
        b.Append($"Description=Pint DNS, DHCP and TFTP server ({name})\n");
        b.Append("Wants=network-online.target\n");
        b.Append("After=network-online.target\n\n");
        b.Append("[Service]\n");
        // The host reports readiness through Microsoft.Extensions.Hosting.Systemd once every socket is bound.
        b.Append("Type=notify\n");
        b.Append($"ExecStart={CommandLine(dotnetHost, serviceDll, configPath)}\n");
        b.Append($"ExecReload=/bin/kill -HUP $MAINPID\n");
        b.Append("Restart=on-failure\n");
        b.Append("RestartSec=2\n");
        if (user is not null) b.Append($"User={user}\n");
        // Ports 53/67/69 and DHCP's raw ARP entry need these, and nothing more.
        b.Append("AmbientCapabilities=CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_NET_ADMIN\n");
        b.Append("CapabilityBoundingSet=CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_NET_ADMIN\n");
        b.Append("NoNewPrivileges=true\n");
        b.Append($"Environment=PINT_CONFIG={configPath}\n\n");
        b.Append("[Install]\n");
        b.Append("WantedBy=multi-user.target\n");
        return b.ToString();
    }

    /// <summary>A service name that is safe as a unit file name and a Windows service name.</summary>
    public static string ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new PintEditException(PintEditError.InvalidValue, $"Service name '{name}' must be 1-64 letters, digits, '-', '_' or '.'.");
        return name;
    }

    private static string Quote(string s) => s.Contains(' ') || s.Contains('"') ? "\"" + s.Replace("\"", "\\\"") + "\"" : s;
}
