namespace Pint.Engine.Management;

/// <summary>A dhcp-range= line, with the property names of Windows' Get-DhcpServerv4Scope.</summary>
public sealed class PintDhcpRange
{
    /// <summary>The network the range serves (start address and mask), or null when the mask comes from the interface.</summary>
    public string? ScopeId { get; init; }
    public required string StartRange { get; init; }
    /// <summary>InterNetwork for a DHCPv4 range, InterNetworkV6 for a DHCPv6 one (ScopeId is then the prefix's network).</summary>
    public System.Net.Sockets.AddressFamily AddressFamily { get; init; } = System.Net.Sockets.AddressFamily.InterNetwork;
    /// <summary>The prefix length of a DHCPv6 range; null for DHCPv4.</summary>
    public int? PrefixLength { get; init; }
    public required string EndRange { get; init; }
    public string? SubnetMask { get; init; }
    public string? Broadcast { get; init; }
    /// <summary>Lease time; null = dnsmasq's default (1 hour); <see cref="TimeSpan.MaxValue"/> = infinite.</summary>
    public TimeSpan? LeaseDuration { get; init; }
    /// <summary>The range's tag (set:NAME), used to pick options for its clients.</summary>
    public string? Name { get; init; }
    /// <summary>Tags a client must carry to be served from this range (tag:NAME).</summary>
    public string[] RequiredTags { get; init; } = Array.Empty<string>();
    /// <summary>True for "static" ranges: only reserved hosts get addresses.</summary>
    public bool Static { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    public required string ConfigPath { get; init; }

    public override string ToString() => $"{StartRange}-{EndRange}";
}
