using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// DHCPv4 leases shared by several servers in one PostgreSQL database (issue #18). Every operation is one atomic
/// statement (autocommit) or one transaction, and its task completes only after the COMMIT: a DHCPACK may be sent
/// when <see cref="ClaimAsync"/> or <see cref="RenewAsync"/> has returned a won / renewed result, never before.
/// Times (expiry, heartbeat age) come from the database clock, so the servers' clocks need not agree.
/// Unreachable database, lost connection or no answer within <see cref="PostgresLeaseBackendOptions.OperationTimeout"/>:
/// <see cref="LeaseBackendUnavailableException"/>, never a longer wait.
/// </summary>
public sealed class PostgresLeaseBackend : IOfflineRenewalTarget, IAsyncDisposable
{
    private const string Columns = "address, hardware_address, client_id, host_name, expires, server_id, scope, state";

    // The row a claim may take: free (no row: plain insert), expired, or already this client's (its offer, its
    // lease). A declined row has client_key '' and so is only taken once its hold has run out.
    private const string ClaimSql = $"""
        WITH claim AS (
            INSERT INTO pint_leases AS l (address, hardware_address, client_id, client_key, host_name, expires, state, server_id, scope)
            VALUES (@address, @hw, @cid, @key, @host,
                    CASE WHEN @secs IS NULL THEN NULL ELSE now() + make_interval(secs => @secs) END,
                    @state, @server, @scope)
            ON CONFLICT (address) DO UPDATE SET
                hardware_address = excluded.hardware_address, client_id = excluded.client_id,
                client_key = excluded.client_key, host_name = coalesce(excluded.host_name, l.host_name),
                -- An offer to a client that holds the address already must not turn its lease into a short hold.
                expires = CASE WHEN excluded.state = 'offered' AND l.state = 'active' AND l.client_key = excluded.client_key
                               AND (l.expires IS NULL OR l.expires > now()) THEN l.expires ELSE excluded.expires END,
                state = CASE WHEN excluded.state = 'offered' AND l.state = 'active' AND l.client_key = excluded.client_key
                             AND (l.expires IS NULL OR l.expires > now()) THEN l.state ELSE excluded.state END,
                server_id = excluded.server_id,
                scope = excluded.scope, updated = now()
            WHERE (l.expires IS NOT NULL AND l.expires <= now()) OR (l.client_key = excluded.client_key AND l.state <> 'declined')
            RETURNING {Columns}
        )
        SELECT true, {Columns} FROM claim
        UNION ALL
        SELECT false, {Columns} FROM pint_leases WHERE address = @address AND NOT EXISTS (SELECT 1 FROM claim)
        """;

    private const string RenewSql = $"""
        UPDATE pint_leases SET
            expires = CASE WHEN @secs IS NULL THEN NULL ELSE now() + make_interval(secs => @secs) END,
            hardware_address = @hw, host_name = coalesce(@host, host_name), server_id = @server, state = 'active', updated = now()
        WHERE address = @address AND client_key = @key AND state <> 'declined'
        RETURNING {Columns}
        """;

    private const string OfflineRenewalSql = """
        INSERT INTO pint_leases AS l (address, hardware_address, client_id, client_key, host_name, expires, state, server_id, scope)
        VALUES (@address, @hw, @cid, @key, @host, @expires, 'active', @server, @scope)
        ON CONFLICT (address) DO UPDATE SET
            hardware_address = excluded.hardware_address, client_id = excluded.client_id, client_key = excluded.client_key,
            host_name = coalesce(excluded.host_name, l.host_name),
            expires = CASE WHEN l.client_key <> excluded.client_key OR l.state <> 'active' THEN excluded.expires
                           WHEN l.expires IS NULL OR excluded.expires IS NULL THEN NULL
                           ELSE greatest(l.expires, excluded.expires) END,
            state = 'active', server_id = excluded.server_id, scope = excluded.scope, updated = now()
        WHERE (l.client_key = excluded.client_key AND l.state <> 'declined') OR (l.expires IS NOT NULL AND l.expires <= now())
        RETURNING (l.xmax = 0) AS inserted
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresLeaseBackendOptions _options;

    /// <summary>Creates the backend; nothing is connected until the first operation (call <see cref="EnsureSchemaAsync"/> first).</summary>
    public PostgresLeaseBackend(PostgresLeaseBackendOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.ServerId);
        if (options.OperationTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "OperationTimeout must be positive");
        _options = options;
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var seconds = Math.Max(1, (int)Math.Ceiling(options.OperationTimeout.TotalSeconds));
        var connection = builder.ConnectionStringBuilder;
        // Npgsql's own limits (whole seconds) as a first bound; RunAsync enforces the exact one.
        connection.Timeout = Math.Min(connection.Timeout, seconds);
        connection.CommandTimeout = Math.Min(connection.CommandTimeout, seconds);
        // On a timeout, break the connection instead of waiting for the server to confirm a cancel request.
        connection.CancellationTimeout = -1;
        _dataSource = builder.Build();
        if (options.ClaimWorkers > 0) _batcher = new ClaimBatcher(RunClaimBatchAsync, options.OperationTimeout, options.ClaimWorkers);
    }

    private readonly ClaimBatcher? _batcher;

    /// <summary>Claims queued for the next batch (0 without batching): a server sheds new DISCOVERs when this grows.</summary>
    public int PendingClaims => _batcher?.Pending ?? 0;

    /// <summary>This server's id.</summary>
    public string ServerId => _options.ServerId;

    /// <summary>Creates or migrates the schema (idempotent, safe to run from two servers at once); returns the version found.</summary>
    public Task<int> EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        RunAsync("schema migration", (connection, token) => PostgresLeaseSchema.MigrateAsync(connection, token), cancellationToken);

    /// <summary>
    /// Claims <paramref name="address"/> for <paramref name="client"/> in one atomic INSERT ... ON CONFLICT: wins when the
    /// address has no row, an expired row, or a row of the same client (not declined). Lost: <see cref="LeaseClaimResult.Holder"/>
    /// is the row that kept it.
    /// </summary>
    /// <param name="address">The IPv4 address.</param>
    /// <param name="client">The client.</param>
    /// <param name="scope">The scope / pool the address belongs to.</param>
    /// <param name="leaseTime">The lease time from now (database clock); null for infinite.</param>
    /// <param name="state"><see cref="SharedLeaseState.Offered"/> for the short hold of a DHCPOFFER, <see cref="SharedLeaseState.Active"/> before a DHCPACK.</param>
    /// <param name="cancellationToken">Cancels the wait (the statement may still commit).</param>
    public Task<LeaseClaimResult> ClaimAsync(IPAddress address, LeaseClient client, string scope, TimeSpan? leaseTime,
        SharedLeaseState state = SharedLeaseState.Active, CancellationToken cancellationToken = default)
    {
        if (state == SharedLeaseState.Declined) throw new ArgumentException("use DeclineAsync to hold an address", nameof(state));
        if (_batcher is not null && !cancellationToken.CanBeCanceled)
        {
            if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException("an IPv4 address is required", nameof(address));
            return _batcher.EnqueueAsync(new PendingClaim(address, client, scope, leaseTime, state, Stopwatch.GetTimestamp()));
        }
        return RunAsync("claim", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(ClaimSql, connection);
            AddClient(command, address, client);
            command.Parameters.Add(Seconds(leaseTime));
            command.Parameters.AddWithValue("state", StateText(state));
            command.Parameters.AddWithValue("server", _options.ServerId);
            command.Parameters.AddWithValue("scope", scope);
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                if (await reader.ReadAsync(token))
                {
                    var won = reader.GetBoolean(0);
                    var row = ReadLease(reader, 1);
                    return won ? new LeaseClaimResult(true, row, null) : new LeaseClaimResult(false, null, row);
                }
            }
            // Lost to a row committed after this statement's snapshot: read it with a fresh one.
            return new LeaseClaimResult(false, null, await GetAsync(connection, address, token));
        }, cancellationToken);
    }

    /// <summary>
    /// One batch of claims in one transaction (the statements in the order given, which the batcher makes address
    /// order); a claim whose statement returned nothing lost to a row committed meanwhile, read after the batch.
    /// </summary>
    private Task<IReadOnlyList<LeaseClaimResult>> RunClaimBatchAsync(IReadOnlyList<PendingClaim> claims) =>
        RunAsync<IReadOnlyList<LeaseClaimResult>>("claim", async (connection, token) =>
        {
            var results = new LeaseClaimResult?[claims.Count];
            await using (var batch = new NpgsqlBatch(connection))
            {
                foreach (var claim in claims)
                {
                    var command = new NpgsqlBatchCommand(ClaimSql);
                    AddClient(command.Parameters, claim.Address, claim.Client);
                    command.Parameters.Add(Seconds(claim.LeaseTime));
                    command.Parameters.AddWithValue("state", StateText(claim.State));
                    command.Parameters.AddWithValue("server", _options.ServerId);
                    command.Parameters.AddWithValue("scope", claim.Scope);
                    batch.BatchCommands.Add(command);
                }
                await using var reader = await batch.ExecuteReaderAsync(token);
                for (var i = 0; i < claims.Count; i++)
                {
                    if (i > 0) await reader.NextResultAsync(token);
                    if (await reader.ReadAsync(token))
                    {
                        var won = reader.GetBoolean(0);
                        var row = ReadLease(reader, 1);
                        results[i] = won ? new LeaseClaimResult(true, row, null) : new LeaseClaimResult(false, null, row);
                    }
                }
            }
            for (var i = 0; i < claims.Count; i++)
                results[i] ??= new LeaseClaimResult(false, null, await GetAsync(connection, claims[i].Address, token));
            return results.Select(r => r!).ToArray();
        }, CancellationToken.None);

    /// <summary>
    /// Extends the client's lease on <paramref name="address"/> to now + <paramref name="leaseTime"/> (whichever server wrote
    /// it before; this server becomes the owner). Not renewed when the address has no row or another client's.
    /// </summary>
    public Task<LeaseRenewResult> RenewAsync(IPAddress address, LeaseClient client, TimeSpan? leaseTime, CancellationToken cancellationToken = default) =>
        RunAsync("renew", async (connection, token) =>
        {
            await using (var command = new NpgsqlCommand(RenewSql, connection))
            {
                AddClient(command, address, client);
                command.Parameters.Add(Seconds(leaseTime));
                command.Parameters.AddWithValue("server", _options.ServerId);
                await using var reader = await command.ExecuteReaderAsync(token);
                if (await reader.ReadAsync(token)) return new LeaseRenewResult(true, ReadLease(reader, 0), null);
            }
            return new LeaseRenewResult(false, null, await GetAsync(connection, address, token));
        }, cancellationToken);

    /// <summary>Frees the client's row on <paramref name="address"/> (DHCPRELEASE); false when the client held none there.</summary>
    public Task<bool> ReleaseAsync(IPAddress address, LeaseClient client, CancellationToken cancellationToken = default) =>
        RunAsync("release", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM pint_leases WHERE address = @address AND client_key = @key AND state <> 'declined'", connection);
            command.Parameters.AddWithValue("address", NpgsqlDbType.Inet, address);
            command.Parameters.AddWithValue("key", client.Key);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    /// <summary>
    /// Holds <paramref name="address"/> for <paramref name="hold"/> whoever had it (DHCPDECLINE, a ping answered, an
    /// administrator's hold): no client gets it until the hold runs out. <paramref name="reportedBy"/> is recorded.
    /// </summary>
    public Task<SharedLease> DeclineAsync(IPAddress address, string scope, TimeSpan hold, LeaseClient? reportedBy = null,
        CancellationToken cancellationToken = default) =>
        RunAsync("decline", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand($"""
                INSERT INTO pint_leases AS l (address, hardware_address, client_id, client_key, host_name, expires, state, server_id, scope)
                VALUES (@address, @hw, @cid, '', NULL, now() + make_interval(secs => @secs), 'declined', @server, @scope)
                ON CONFLICT (address) DO UPDATE SET hardware_address = excluded.hardware_address, client_id = excluded.client_id,
                    client_key = '', host_name = NULL, expires = excluded.expires, state = 'declined',
                    server_id = excluded.server_id, scope = excluded.scope, updated = now()
                RETURNING {Columns}
                """, connection);
            command.Parameters.AddWithValue("address", NpgsqlDbType.Inet, address);
            command.Parameters.AddWithValue("hw", reportedBy?.HardwareAddress ?? "");
            command.Parameters.AddWithValue("cid", NpgsqlDbType.Text, (object?)reportedBy?.ClientId ?? DBNull.Value);
            command.Parameters.AddWithValue("secs", NpgsqlDbType.Double, hold.TotalSeconds);
            command.Parameters.AddWithValue("server", _options.ServerId);
            command.Parameters.AddWithValue("scope", scope);
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            return ReadLease(reader, 0);
        }, cancellationToken);

    /// <summary>Deletes every row whose end has passed (database clock) and returns them (for lease scripts and DNS).</summary>
    public Task<IReadOnlyList<SharedLease>> ExpireAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("expire sweep", $"DELETE FROM pint_leases WHERE expires IS NOT NULL AND expires <= now() RETURNING {Columns}", null, cancellationToken);

    /// <summary>Every live (unexpired) active lease, of one scope or all; for filling the in-memory table at start.</summary>
    public Task<IReadOnlyList<SharedLease>> LoadLiveAsync(string? scope = null, CancellationToken cancellationToken = default) =>
        QueryAsync("load", $"SELECT {Columns} FROM pint_leases WHERE state = 'active' AND (expires IS NULL OR expires > now()) AND (@scope IS NULL OR scope = @scope) ORDER BY address",
            command => command.Parameters.AddWithValue("scope", NpgsqlDbType.Text, (object?)scope ?? DBNull.Value), cancellationToken);

    /// <summary>
    /// Live active rows other servers wrote after <paramref name="since"/> (database clock; null = all), and the
    /// database's clock now, to pass as <paramref name="since"/> next time.
    /// </summary>
    public Task<(IReadOnlyList<SharedLease> Rows, DateTime Now)> ChangedByOthersAsync(DateTime? since, CancellationToken cancellationToken = default) =>
        RunAsync("read changes", async (connection, token) =>
        {
            DateTime now;
            await using (var clock = new NpgsqlCommand("SELECT now()", connection))
                now = (DateTime)(await clock.ExecuteScalarAsync(token))!;
            await using var command = new NpgsqlCommand(
                $"SELECT {Columns} FROM pint_leases WHERE state = 'active' AND server_id <> @server AND (expires IS NULL OR expires > now()) AND (@since IS NULL OR updated > @since)",
                connection);
            command.Parameters.AddWithValue("server", _options.ServerId);
            // A little overlap: a row committed just before 'now' was read may carry an earlier 'updated'.
            command.Parameters.AddWithValue("since", NpgsqlDbType.TimestampTz, since is { } t ? t.AddSeconds(-1) : DBNull.Value);
            var rows = new List<SharedLease>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token)) rows.Add(ReadLease(reader, 0));
            return ((IReadOnlyList<SharedLease>)rows, now);
        }, cancellationToken);

    /// <summary>The live rows (any state) of a hardware address.</summary>
    public Task<IReadOnlyList<SharedLease>> FindByHardwareAddressAsync(string hardwareAddress, CancellationToken cancellationToken = default) =>
        QueryAsync("find by hardware address", $"SELECT {Columns} FROM pint_leases WHERE hardware_address = @hw AND (expires IS NULL OR expires > now()) ORDER BY address",
            command => command.Parameters.AddWithValue("hw", hardwareAddress), cancellationToken);

    /// <summary>The live rows (any state) of a client identifier.</summary>
    public Task<IReadOnlyList<SharedLease>> FindByClientIdAsync(string clientId, CancellationToken cancellationToken = default) =>
        QueryAsync("find by client id", $"SELECT {Columns} FROM pint_leases WHERE client_id = @cid AND (expires IS NULL OR expires > now()) ORDER BY address",
            command => command.Parameters.AddWithValue("cid", clientId), cancellationToken);

    /// <summary>The row of an address (expired or not), or null.</summary>
    public Task<SharedLease?> GetAsync(IPAddress address, CancellationToken cancellationToken = default) =>
        RunAsync("get", (connection, token) => GetAsync(connection, address, token), cancellationToken);

    /// <summary>Writes this server's heartbeat (database clock) with its role.</summary>
    public Task WriteHeartbeatAsync(string? role, CancellationToken cancellationToken = default) =>
        RunAsync("heartbeat", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO pint_servers (server_id, role, last_seen) VALUES (@id, @role, now()) " +
                "ON CONFLICT (server_id) DO UPDATE SET role = excluded.role, last_seen = now()", connection);
            command.Parameters.AddWithValue("id", _options.ServerId);
            command.Parameters.AddWithValue("role", NpgsqlDbType.Text, (object?)role ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    /// <summary>A server's heartbeat row, its age measured by the database clock; null when it never wrote one.</summary>
    public Task<ServerHeartbeat?> ReadHeartbeatAsync(string serverId, CancellationToken cancellationToken = default) =>
        RunAsync("read heartbeat", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT server_id, role, last_seen, extract(epoch FROM now() - last_seen)::float8 FROM pint_servers WHERE server_id = @id", connection);
            command.Parameters.AddWithValue("id", serverId);
            await using var reader = await command.ExecuteReaderAsync(token);
            if (!await reader.ReadAsync(token)) return null;
            return new ServerHeartbeat(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(3))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<OfflineRenewalOutcome> ApplyOfflineRenewalAsync(QueuedRenewal renewal, CancellationToken cancellationToken = default) =>
        RunAsync("offline renewal", async (connection, token) =>
        {
            await using (var command = new NpgsqlCommand(OfflineRenewalSql, connection))
            {
                AddClient(command, renewal.Address, new LeaseClient(renewal.HardwareAddress, renewal.ClientId, renewal.HostName));
                command.Parameters.AddWithValue("expires", NpgsqlDbType.TimestampTz, renewal.Expires is { } end ? end.UtcDateTime : DBNull.Value);
                command.Parameters.AddWithValue("server", _options.ServerId);
                command.Parameters.AddWithValue("scope", renewal.Scope);
                await using var reader = await command.ExecuteReaderAsync(token);
                if (await reader.ReadAsync(token))
                    return new OfflineRenewalOutcome(reader.GetBoolean(0) ? OfflineRenewalStatus.Reinserted : OfflineRenewalStatus.Applied);
            }
            return new OfflineRenewalOutcome(OfflineRenewalStatus.Conflict, await GetAsync(connection, renewal.Address, token));
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_batcher is not null) await _batcher.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SharedLease>> QueryAsync(string operation, string sql, Action<NpgsqlCommand>? parameters, CancellationToken cancellationToken) =>
        await RunAsync<IReadOnlyList<SharedLease>>(operation, async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            parameters?.Invoke(command);
            var rows = new List<SharedLease>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token)) rows.Add(ReadLease(reader, 0));
            return rows;
        }, cancellationToken);

    private static async Task<SharedLease?> GetAsync(NpgsqlConnection connection, IPAddress address, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM pint_leases WHERE address = @address", connection);
        command.Parameters.AddWithValue("address", NpgsqlDbType.Inet, address);
        await using var reader = await command.ExecuteReaderAsync(token);
        return await reader.ReadAsync(token) ? ReadLease(reader, 0) : null;
    }

    /// <summary>
    /// Runs one operation on a pooled connection within the timeout. The body's statements are autocommit or a
    /// transaction it commits itself, so the task completing means committed.
    /// </summary>
    private async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        var work = RunOnConnectionAsync(body, timeout.Token);
        try
        {
            // The hard bound: should Npgsql ever not honour the token (a connect stuck in the kernel), stop waiting anyway.
            return await work.WaitAsync(_options.OperationTimeout + TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsUnavailability(exception))
        {
            if (!work.IsCompleted) _ = work.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            // Idle pooled connections to a server that went away are dead too: drop them, so the first operation
            // after it returns opens a fresh one instead of failing once more.
            _dataSource.Clear();
            throw new LeaseBackendUnavailableException(operation, Stopwatch.GetElapsedTime(started), exception);
        }
    }

    private async Task<T> RunOnConnectionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> body, CancellationToken token)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(token);
        return await body(connection, token);
    }

    /// <summary>True for the failures that mean "the database is not there right now" (as opposed to a bug or a bad schema).</summary>
    internal static bool IsUnavailability(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException or SocketException or IOException => true,
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
            || postgres.SqlState == "53300" // too many connections
            || postgres.SqlState == "40001" || postgres.SqlState == "40P01", // serialization failure, deadlock: retry later
        NpgsqlException => true, // network / protocol failures Npgsql reports without a server error
        DbException { IsTransient: true } => true,
        _ => false,
    };

    private static void AddClient(NpgsqlCommand command, IPAddress address, LeaseClient client) => AddClient(command.Parameters, address, client);

    private static void AddClient(NpgsqlParameterCollection parameters, IPAddress address, LeaseClient client)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException("an IPv4 address is required", nameof(address));
        parameters.AddWithValue("address", NpgsqlDbType.Inet, address);
        parameters.AddWithValue("hw", client.HardwareAddress);
        parameters.AddWithValue("cid", NpgsqlDbType.Text, (object?)client.ClientId ?? DBNull.Value);
        parameters.AddWithValue("key", client.Key);
        parameters.AddWithValue("host", NpgsqlDbType.Text, (object?)client.HostName ?? DBNull.Value);
    }

    private static NpgsqlParameter Seconds(TimeSpan? leaseTime) =>
        new("secs", NpgsqlDbType.Double) { Value = leaseTime is { } time ? time.TotalSeconds : DBNull.Value };

    private static string StateText(SharedLeaseState state) => state switch
    {
        SharedLeaseState.Offered => "offered",
        SharedLeaseState.Active => "active",
        _ => "declined",
    };

    private static SharedLease ReadLease(NpgsqlDataReader reader, int first) => new(
        reader.GetFieldValue<IPAddress>(first),
        reader.GetString(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        reader.IsDBNull(first + 4) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(first + 4), TimeSpan.Zero),
        reader.GetString(first + 5),
        reader.GetString(first + 6),
        reader.GetString(first + 7) switch
        {
            "offered" => SharedLeaseState.Offered,
            "active" => SharedLeaseState.Active,
            _ => SharedLeaseState.Declined,
        });
}
