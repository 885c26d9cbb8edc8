using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Pint.Engine.Hosting.Control;

/// <summary>
/// The local control channel: a Unix domain socket, one JSON request and one JSON response per connection.
/// Only root and the user the server runs as may talk to it: the socket file is 0660, and on Linux the peer's
/// credentials (SO_PEERCRED) are checked as well, since a group or a copied socket path must not widen that.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private const int MaxRequestBytes = 64 * 1024;
    private readonly string _path;
    private readonly IControlHandler _handler;
    private readonly IPintLog _log;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public ControlServer(string path, IControlHandler handler, IPintLog log)
    {
        _path = path;
        _handler = handler;
        _log = log;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // A stale socket from a crashed server would make bind fail; a live one answers, so we do not steal it.
        if (File.Exists(path))
        {
            if (IsAlive(path)) throw new InvalidOperationException($"Another Pint server already answers on control socket '{path}'.");
            File.Delete(path);
        }
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        _listener.Listen(16);
    }

    public string SocketPath => _path;

    public void Start() => _loop ??= Task.Run(() => AcceptLoopAsync(_stop.Token));

    private async Task AcceptLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(stop).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { break; }
            _ = Task.Run(() => ServeAsync(client, stop), stop);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        using (client)
        await using (var stream = new NetworkStream(client, ownsSocket: false))
        {
            ControlResponse response;
            try
            {
                if (!PeerAllowed(client, out var who))
                {
                    _log.Write(PintLogLevel.Warning, "control", $"refused a control connection from {who}");
                    response = ControlResponse.Failure($"Access denied: only root and the server's own user may control this server ({who}).");
                }
                else
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    var line = await ReadLineAsync(stream, timeout.Token).ConfigureAwait(false);
                    var request = line is null ? null : JsonSerializer.Deserialize<ControlRequest>(line, ControlJson.Options);
                    response = request is null || string.IsNullOrEmpty(request.Command)
                        ? ControlResponse.Failure("Bad request: expected one JSON object with a \"command\".")
                        : await _handler.HandleAsync(request, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (JsonException e)
            {
                response = ControlResponse.Failure($"Bad request: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // One bad request must never take the server down.
                _log.Write(PintLogLevel.Error, "control", $"request failed: {e.Message}");
                response = ControlResponse.Failure(e.Message);
            }
            try
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(response, ControlJson.Options);
                await stream.WriteAsync(bytes, stop).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray(), stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        }
    }

    private static async Task<string?> ReadLineAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new byte[4096];
        var collected = new MemoryStream();
        while (collected.Length < MaxRequestBytes)
        {
            var n = await stream.ReadAsync(buffer, token).ConfigureAwait(false);
            if (n == 0) break;
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, n);
            collected.Write(buffer, 0, newline >= 0 ? newline : n);
            if (newline >= 0) break;
        }
        return collected.Length == 0 ? null : Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    /// <summary>Linux: the connecting process must be root or run as the same user as this server.</summary>
    private static bool PeerAllowed(Socket client, out string who)
    {
        who = "a local process";
        if (!OperatingSystem.IsLinux()) return true; // elsewhere the socket file's permissions are the gate
        const int SolSocket = 1, SoPeerCred = 17;
        Span<byte> cred = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var got = client.GetRawSocketOption(SolSocket, SoPeerCred, cred);
        if (got < 12) return false;
        var pid = MemoryMarshal.Read<int>(cred);
        var uid = MemoryMarshal.Read<uint>(cred[4..]);
        who = $"pid {pid}, uid {uid}";
        return uid == 0 || uid == GetEuid();
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    private static bool IsAlive(string path)
    {
        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
