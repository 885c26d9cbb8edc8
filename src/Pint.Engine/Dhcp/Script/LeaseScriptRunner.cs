using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Pint.Engine.Hosting;

namespace Pint.Engine.Dhcp.Script;

/// <summary>
/// Runs dnsmasq's <c>dhcp-script</c>: one instance at a time, in the order the lease changes happened, as dnsmasq's
/// helper process does. The DHCP server only queues (<see cref="Enqueue"/> never waits): a slow or hung script must
/// not delay an ACK, so calls wait in a bounded queue and, when it is full, the new call is dropped with a warning.
/// A script that is missing, not executable or failing is logged and the next call runs as usual; output lines are
/// logged as dnsmasq logs them ("dnsmasq-script").
/// </summary>
public sealed class LeaseScriptRunner : IAsyncDisposable
{
    /// <summary>Calls that may wait for the script; dnsmasq queues without limit, but a hung script must not eat memory.</summary>
    public const int DefaultCapacity = 1024;

    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(5);

    private readonly Channel<LeaseScriptEvent> _queue;
    private readonly IPintLog _log;
    private readonly string _category;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private long _dropped;
    private long _lastDropWarning = long.MinValue;
    private long _completed;
    private long _queued;
    private volatile string? _path;
    private volatile string? _user;

    /// <param name="path">The script (absolute); null = none yet, calls are not queued.</param>
    /// <param name="user">dhcp-scriptuser: run the script as this user (needs root); null = as this process runs.</param>
    public LeaseScriptRunner(string? path, string? user, IPintLog log, string category = "dhcp", int capacity = DefaultCapacity)
    {
        _path = path;
        _user = user;
        _log = log;
        _category = category;
        _queue = Channel.CreateBounded<LeaseScriptEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses at once, so we can say so
        });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Whether a script is configured (the server builds events only then).</summary>
    public bool Enabled => _path is not null;

    /// <summary>Calls dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Calls run to the end (successfully or not).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>
    /// The interface each lease was last served on: dnsmasq tells a "del" on expiry the interface, which the lease
    /// itself does not record.
    /// </summary>
    internal ConcurrentDictionary<IPAddress, string> Interfaces { get; } = new();

    /// <summary>A reload's script and user: calls queued from now on run with them.</summary>
    public void Configure(string? path, string? user)
    {
        _path = path;
        _user = user;
    }

    /// <summary>Queues a call; never blocks. False when there is no script or the queue is full (then logged).</summary>
    public bool Enqueue(LeaseScriptEvent call)
    {
        if (_path is null) return false;
        if (_queue.Writer.TryWrite(call))
        {
            Interlocked.Increment(ref _queued);
            return true;
        }
        var dropped = Interlocked.Increment(ref _dropped);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropWarning);
        if (last == long.MinValue || now - last >= (long)DropWarningInterval.TotalMilliseconds)
        {
            Interlocked.Exchange(ref _lastDropWarning, now);
            _log.Write(PintLogLevel.Warning, _category, $"dhcp-script queue is full (the script is slow or hung): dropped '{call}' ({dropped} dropped so far)");
        }
        return false;
    }

    /// <summary>Queues each call in order (see <see cref="Enqueue"/>).</summary>
    public void Enqueue(IEnumerable<LeaseScriptEvent> calls)
    {
        foreach (var call in calls) Enqueue(call);
    }

    /// <summary>For tests: waits until every call queued so far has run, or the timeout passes; true when idle.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Completed < Interlocked.Read(ref _queued))
        {
            if (Environment.TickCount64 >= deadline) return false;
            await Task.Delay(20).ConfigureAwait(false);
        }
        return true;
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var call in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try { await RunOneAsync(call, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Whatever goes wrong with one call, the next still runs and DHCP keeps serving.
                    _log.Write(PintLogLevel.Error, _category, $"dhcp-script: {ex.Message}");
                }
                finally { Interlocked.Increment(ref _completed); }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task RunOneAsync(LeaseScriptEvent call, CancellationToken stop)
    {
        var path = _path;
        if (path is null) return; // the script was taken out by a reload
        var info = StartInfo(path, _user, call);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("no process started");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            _log.Write(PintLogLevel.Error, _category, $"failed to execute {path}: {ex.Message}");
            return;
        }
        using (process)
        {
            process.StandardInput.Close(); // dnsmasq gives the script /dev/null as stdin
            var output = LogLinesAsync(process.StandardOutput);
            var errors = LogLinesAsync(process.StandardError);
            try
            {
                await process.WaitForExitAsync(stop).ConfigureAwait(false);
                await Task.WhenAll(output, errors).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down with the script still running: end the instance we started.
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            if (process.ExitCode != 0)
                _log.Write(PintLogLevel.Warning, _category, $"script process exited with status {process.ExitCode} ({call})");
        }
    }

    private async Task LogLinesAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            _log.Write(PintLogLevel.Information, _category, $"dnsmasq-script: {line}");
    }

    private ProcessStartInfo StartInfo(string path, string? user, LeaseScriptEvent call)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/", // dnsmasq runs from /: a script must not depend on where Pint was started
        };
        if (RunAsOther(user))
        {
            // dhcp-scriptuser: runuser keeps the environment (so the DNSMASQ_* variables) and switches uid, gid and groups.
            info.FileName = RunUser!;
            foreach (var a in new[] { "-u", user!, "--", path }) info.ArgumentList.Add(a);
        }
        else info.FileName = path;
        foreach (var argument in call.Arguments) info.ArgumentList.Add(argument);
        // The inherited environment plus this call's variables; a DNSMASQ_* left in Pint's own environment must not leak in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DNSMASQ_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (name, value) in call.Environment) info.Environment[name] = value;
        return info;
    }

    private static readonly string? RunUser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);
    private bool _warnedUser;

    private bool RunAsOther(string? user)
    {
        if (user is null || user == Environment.UserName) return false;
        if (Environment.UserName == "root" && RunUser is not null) return true;
        if (!_warnedUser)
        {
            _warnedUser = true;
            _log.Write(PintLogLevel.Warning, _category, $"dhcp-scriptuser={user}: cannot switch user (needs root and runuser); the script runs as {Environment.UserName}");
        }
        return false;
    }

    /// <summary>Lets queued calls finish for a moment, then stops (ending a script still running).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_worker, Task.Delay(DrainOnStop)).ConfigureAwait(false) != _worker)
            await _stop.CancelAsync().ConfigureAwait(false);
        try { await _worker.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
