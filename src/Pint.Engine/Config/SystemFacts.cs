using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>An interface of this machine by name, with its unicast addresses.</summary>
public sealed record InterfaceFacts(string Name, IReadOnlyList<IPAddress> Addresses);

/// <summary>
/// What the setup steps read from the machine rather than from the config: the system hosts file, the default
/// resolv.conf, the interfaces and the host name. <see cref="Live"/> reads this machine; tests pass their own, so
/// config-to-options mapping is tested without touching /etc.
/// </summary>
public sealed class SystemFacts
{
    /// <summary>This machine, read when a setup asks.</summary>
    public static SystemFacts Live { get; } = new();

    /// <summary>The hosts file read unless <c>no-hosts</c>; null for none.</summary>
    public string? HostsFile { get; init; } = OperatingSystem.IsWindows()
        ? Path.Combine(Environment.SystemDirectory, "drivers", "etc", "hosts")
        : "/etc/hosts";

    /// <summary>The resolv file read when the config names none and does not say <c>no-resolv</c>; null for none.</summary>
    public string? DefaultResolvFile { get; init; } = OperatingSystem.IsWindows() ? null : "/etc/resolv.conf";

    /// <summary>The ethers file <c>read-ethers</c> reads; null for none.</summary>
    public string? EthersFile { get; init; } = OperatingSystem.IsWindows() ? null : "/etc/ethers";

    /// <summary>The machine's interfaces (for <c>interface=</c>).</summary>
    public Func<IReadOnlyList<InterfaceFacts>> Interfaces { get; init; } = ReadInterfaces;

    /// <summary>The host name: <c>mx-host</c> without a target points at it, as in dnsmasq.</summary>
    public string MachineName { get; init; } = Environment.MachineName;

    /// <summary>Whether to listen on IPv6 wildcard addresses as well as IPv4 ones.</summary>
    public bool SupportsIPv6 { get; init; } = Socket.OSSupportsIPv6;

    private static IReadOnlyList<InterfaceFacts> ReadInterfaces() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Select(n => new InterfaceFacts(n.Name, n.GetIPProperties().UnicastAddresses.Select(u => u.Address).ToArray()))
            .ToArray();
}
