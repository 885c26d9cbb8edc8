namespace Pint.Engine.Management;

/// <summary>How full one dhcp-range is, with the property names of Windows' Get-DhcpServerv4ScopeStatistics.</summary>
public sealed class PintDhcpScopeStatistics
{
    /// <summary>The network of the range (start address and mask), or null when the mask comes from the interface.</summary>
    public string? ScopeId { get; init; }
    public required string StartRange { get; init; }
    public required string EndRange { get; init; }
    /// <summary>The range's tag (set:NAME), as Get-PintDhcpRange calls it.</summary>
    public string? Name { get; init; }
    /// <summary>Addresses the server may still hand to a new client: neither leased nor reserved.</summary>
    public required int Free { get; init; }
    /// <summary>Addresses held by an active lease (reserved ones included).</summary>
    public required int InUse { get; init; }
    /// <summary>dhcp-host= reservations whose address lies in the range.</summary>
    public required int Reserved { get; init; }
    /// <summary>InUse as a percentage of InUse + Free, two decimals.</summary>
    public required double PercentageInUse { get; init; }

    public override string ToString() => $"{StartRange}-{EndRange}: {InUse} in use, {Free} free";
}
