using Pint.Engine.Config;

namespace Pint.PowerShell.Model;

/// <summary>Where a config keeps its DHCPv4 leases (pint-lease-store=, pint-server-id=), as Get-PintLeaseStore shows it.</summary>
public sealed class PintLeaseStore
{
    /// <summary>File (dnsmasq's lease file, the default) or PostgreSql (a database several servers share).</summary>
    public required LeaseStoreKind Kind { get; init; }
    /// <summary>The Npgsql connection string with its password shown as ********; null for the lease file.</summary>
    public string? ConnectionString { get; init; }
    /// <summary>This server's id in the shared database: pint-server-id=, else the host name.</summary>
    public required string ServerId { get; init; }
    /// <summary>True when no pint-server-id= line names the server, so its host name is its id.</summary>
    public required bool ServerIdIsHostName { get; init; }
    /// <summary>The lease file (dhcp-leasefile=), for the File store; null: the default path.</summary>
    public string? LeaseFile { get; init; }
    /// <summary>The file holding the pint-lease-store= line; null when the config has none (the default, File).</summary>
    public string? Source { get; init; }
    public int? Line { get; init; }
    /// <summary>The config file; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }

    public override string ToString() => Kind == LeaseStoreKind.File ? "File" : $"PostgreSql ({ConnectionString})";
}
