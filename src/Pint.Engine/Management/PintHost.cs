namespace Pint.Engine.Management;

/// <summary>Where a host name comes from: a host-record= line, a dhcp-host= reservation, or a hosts file.</summary>
public enum PintHostKind
{
    HostRecord,
    Reservation,
    HostsFile,
}

/// <summary>A named host as Get-PintHost shows it: one object per name and address.</summary>
public sealed class PintHost : IConfigEntry
{
    public required string Name { get; init; }
    /// <summary>The address as text (IPv4 or IPv6), or null for a reservation that only names a MAC.</summary>
    public string? IPAddress { get; init; }
    /// <summary>The reserved MAC address (aa:bb:cc:dd:ee:ff), for reservations.</summary>
    public string? MacAddress { get; init; }
    /// <summary>The MAC as Windows' DhcpServer module spells the property.</summary>
    public string? ClientId => MacAddress;
    public required PintHostKind Kind { get; init; }
    /// <summary>The file that defines it.</summary>
    public required string Source { get; init; }
    /// <summary>The line in <see cref="Source"/>.</summary>
    public required int Line { get; init; }
    /// <summary>The config file this host was read through; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }

    public override string ToString() => IPAddress is null ? Name : $"{Name} ({IPAddress})";
}
