using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Postgres;

/// <summary>
/// A throw-away PostgreSQL server for the tests: initdb into a temporary folder, postgres started by pg_ctl on a free
/// loopback port (127.0.0.1 only, its unix socket in the folder), everything deleted on dispose. As root the tools
/// run as the postgres user (runuser), which owns the folder. Missing initdb: skipped, or failed when CI=true.
/// </summary>
internal sealed class PostgresTestServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresTestServer(string bin, string root, bool asPostgresUser)
    {
        _bin = bin;
        Root = root;
        _asPostgresUser = asPostgresUser;
    }

    public string Root { get; }
    public string DataDirectory => Path.Combine(Root, "data");
    public string SocketDirectory => Path.Combine(Root, "socket");
    public int Port { get; private set; }
    public bool IsRunning { get; private set; }

    /// <summary>The folder with initdb, pg_ctl and postgres, or null.</summary>
    public static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>The binaries, or a skip (a failure under CI=true) when PostgreSQL is not installed.</summary>
    public static string RequireBinaries()
    {
        if (FindBinaries() is { } bin) return bin;
        const string why = "PostgreSQL server binaries (initdb, pg_ctl) are missing (install postgresql)";
        if (ConfigTestTools.IsCi) Assert.Fail(why);
        Skip.Because(why);
        return "";
    }

    /// <summary>Creates and starts a server (skips when PostgreSQL is missing).</summary>
    public static async Task<PostgresTestServer> StartNewAsync()
    {
        var bin = RequireBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), "pint-pg-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresTestServer(bin, root, asPostgresUser);
        try
        {
            Directory.CreateDirectory(server.SocketDirectory);
            if (asPostgresUser) Run("chown", "-R", "postgres:postgres", root).Check("chown");
            server.RunTool("initdb", "-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync").Check("initdb");
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts postgres (again) on a free port, or on the same port when it ran before.</summary>
    public Task StartAsync()
    {
        var samePort = Port != 0; // a restart: the backends' connection strings name this port
        if (!samePort) Port = FreePort();
        for (var attempt = 0; ; attempt++)
        {
            var options = $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=32MB";
            var result = RunTool("pg_ctl", "start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(Root, "postgres.log"), "-o", options);
            if (result.ExitCode == 0) { IsRunning = true; return Task.CompletedTask; }
            if (attempt >= 2) result.Check("pg_ctl start (" + LogTail() + ")");
            if (!samePort) Port = FreePort();
        }
    }

    /// <summary>Stops postgres: "immediate" is a crash (no checkpoint; recovery from the WAL at the next start).</summary>
    public void Stop(string mode = "fast")
    {
        if (!IsRunning) return;
        RunTool("pg_ctl", "stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60").Check("pg_ctl stop");
        IsRunning = false;
    }

    public string ConnectionString(string database, int maxPoolSize = 40) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size={maxPoolSize};Pooling=true";

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(int maxPoolSize = 40)
    {
        var name = "t_" + Guid.NewGuid().ToString("n")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name, maxPoolSize);
    }

    public string LogTail()
    {
        try { return string.Join(" | ", File.ReadLines(Path.Combine(Root, "postgres.log")).TakeLast(5)); }
        catch (IOException) { return "no log"; }
    }

    public ValueTask DisposeAsync()
    {
        try { if (IsRunning) Stop("immediate"); }
        catch (Exception) { /* best effort: the folder goes anyway */ }
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }

    private (int ExitCode, string Output) RunTool(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        return _asPostgresUser ? Run("runuser", ["-u", "postgres", "--", path, .. args]) : Run(path, args);
    }

    private static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(entireProcessTree: true); return (-1, "timed out"); }
        return (process.ExitCode, output.Result + error.Result);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class ToolResultExtensions
{
    public static void Check(this (int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.Output}");
    }
}

/// <summary>One PostgreSQL server shared by the tests of the "postgres" collection (each test makes its own database).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresTestServer? _server;
    private Exception? _startFailure;

    internal PostgresTestServer Server
    {
        get
        {
            PostgresTestServer.RequireBinaries();
            if (_startFailure is not null) throw new InvalidOperationException("the test PostgreSQL server did not start", _startFailure);
            return _server!;
        }
    }

    public async Task InitializeAsync()
    {
        if (PostgresTestServer.FindBinaries() is null) return; // each test skips (or fails under CI) on its own
        try { _server = await PostgresTestServer.StartNewAsync(); }
        catch (Exception exception) { _startFailure = exception; }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
