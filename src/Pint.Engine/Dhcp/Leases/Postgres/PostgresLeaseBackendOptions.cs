namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>How a server reaches the shared lease database.</summary>
public sealed record PostgresLeaseBackendOptions
{
    /// <summary>An Npgsql connection string (Host=...;Port=...;Database=...;Username=...;Password=...).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>This server's id, written as the owner of the rows it writes and as its heartbeat row's key.</summary>
    public required string ServerId { get; init; }

    /// <summary>
    /// The longest any operation may take, connecting included; past it the operation fails with
    /// <see cref="LeaseBackendUnavailableException"/>. Default 3 s (a DHCP client retransmits after about 4 s).
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Connections that send queued claims in batches of one transaction each (group commit); 0 sends each claim on
    /// its own. Default 4. A claim with a cancellation token is always sent on its own.
    /// </summary>
    public int ClaimWorkers { get; init; } = 4;
}
