using Npgsql;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// The tables of the shared lease store and their migrations. <see cref="MigrateAsync"/> brings a database to
/// <see cref="CurrentVersion"/> in one transaction under an advisory lock, so two servers starting together migrate
/// once; re-running it on a current database changes nothing.
/// </summary>
public static class PostgresLeaseSchema
{
    /// <summary>Key of the transaction-level advisory lock taken while migrating ("pint" in ASCII).</summary>
    public const long MigrationLockKey = 0x70696E74;

    /// <summary>Migration n (1-based) is <c>Migrations[n - 1]</c>. Never edit a released one: append.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: leases keyed by address (the primary key makes "one address, one client" atomic), the servers'
        // heartbeats. expires NULL = infinite. client_key is the identity a claim compares (LeaseClient.Key).
        """
        CREATE TABLE pint_leases (
            address          inet        PRIMARY KEY CHECK (family(address) = 4 AND masklen(address) = 32),
            hardware_address text        NOT NULL,
            client_id        text        NULL,
            client_key       text        NOT NULL,
            host_name        text        NULL,
            expires          timestamptz NULL,
            state            text        NOT NULL CHECK (state IN ('offered', 'active', 'declined')),
            server_id        text        NOT NULL,
            scope            text        NOT NULL,
            updated          timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX pint_leases_hardware_address ON pint_leases (hardware_address);
        CREATE INDEX pint_leases_client_id ON pint_leases (client_id) WHERE client_id IS NOT NULL;
        CREATE INDEX pint_leases_expires ON pint_leases (expires) WHERE expires IS NOT NULL;
        CREATE INDEX pint_leases_scope ON pint_leases (scope);
        CREATE TABLE pint_servers (
            server_id text        PRIMARY KEY,
            role      text        NULL,
            started   timestamptz NOT NULL DEFAULT now(),
            last_seen timestamptz NOT NULL
        );
        """,
    ];

    /// <summary>The version a database has after <see cref="MigrateAsync"/>.</summary>
    public static int CurrentVersion => Migrations.Count;

    /// <summary>Creates or migrates the schema; returns the version the database was at before (0 = empty).</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(@key); " +
            "CREATE TABLE IF NOT EXISTS pint_schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())",
            connection, transaction))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        int before;
        await using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM pint_schema_version", connection, transaction))
            before = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        if (before > CurrentVersion)
            throw new InvalidOperationException($"the lease database is at schema version {before}, newer than this server's {CurrentVersion}: upgrade the server");
        for (var version = before + 1; version <= CurrentVersion; version++)
        {
            await using (var command = new NpgsqlCommand(Migrations[version - 1], connection, transaction))
                await command.ExecuteNonQueryAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("INSERT INTO pint_schema_version (version) VALUES (@v)", connection, transaction))
            {
                command.Parameters.AddWithValue("v", version);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return before;
    }
}
