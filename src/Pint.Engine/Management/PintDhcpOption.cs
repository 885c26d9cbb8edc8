namespace Pint.Engine.Management;

/// <summary>A dhcp-option= line, with the property names of Windows' Get-DhcpServerv4OptionValue.</summary>
public sealed class PintDhcpOption : IConfigEntry
{
    public required int OptionId { get; init; }
    /// <summary>dnsmasq's name for the option (router, dns-server, ...), or null for a number dnsmasq does not name.</summary>
    public string? Name { get; init; }
    /// <summary>The values as written in the config, one per comma-separated field.</summary>
    public required string[] Value { get; init; }
    /// <summary>Tags a client must carry to get this value (tag:NAME; "!NAME" = must not carry); empty = every client.</summary>
    public string[] Tag { get; init; } = Array.Empty<string>();
    /// <summary>True for dhcp-option-force: sent even when the client did not ask for it.</summary>
    public bool Force { get; init; }
    /// <summary>The vendor:CLASS, encap:N or vi-encap:N qualifier of the line, when it has one.</summary>
    public string? VendorClass { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    public required string ConfigPath { get; init; }

    public override string ToString() => $"{(Name is null ? OptionId.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"option:{Name}")}={string.Join(',', Value)}";
}
