namespace Pint.PowerShell.Model;

/// <summary>The dhcp-script= (and dhcp-scriptuser=) setting of a config, as Set-PintDhcpScript -PassThru shows it.</summary>
public sealed class PintDhcpScript
{
    /// <summary>The script's absolute path: run with add, old or del, the MAC, the address and the name on each lease change.</summary>
    public required string Path { get; init; }
    /// <summary>The user the script runs as (dhcp-scriptuser=); null: as the server runs.</summary>
    public string? User { get; init; }
    /// <summary>The file that holds the dhcp-script= line.</summary>
    public required string Source { get; init; }
    public required int Line { get; init; }
    /// <summary>The config file; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }

    public override string ToString() => Path;
}
