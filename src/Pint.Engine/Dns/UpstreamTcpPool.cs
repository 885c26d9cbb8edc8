using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>
/// Open TCP connections to upstream servers, kept for the next query instead of a handshake per query. At most
/// <c>maxIdlePerServer</c> idle connections per server are kept, each for at most <c>idleTimeout</c>; one the server
/// closed meanwhile (or that has unexpected bytes waiting) is never handed out. One query at a time per connection:
/// no RFC 7766 pipelining, so a reply always belongs to the query just sent.
/// </summary>
public sealed class UpstreamTcpPool : IDisposable
{
    private readonly record struct Idle(Socket Socket, long Since);

    private readonly Dictionary<IPEndPoint, Stack<Idle>> _idle = [];
    private readonly Lock _gate = new();
    private readonly int _maxIdlePerServer;
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _sweeper;
    private bool _disposed;

    public UpstreamTcpPool(int maxIdlePerServer = 4, TimeSpan? idleTimeout = null)
    {
        _maxIdlePerServer = Math.Max(0, maxIdlePerServer);
        _idleTimeout = idleTimeout ?? TimeSpan.FromSeconds(10);
        _sweeper = new Timer(_ => CloseExpired(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Idle connections held now, over all servers.</summary>
    public int IdleCount { get { lock (_gate) return _idle.Values.Sum(s => s.Count); } }

    /// <summary>An idle connection to <paramref name="server"/> that is still open, or null.</summary>
    public Socket? TryTake(IPEndPoint server)
    {
        while (true)
        {
            Idle idle;
            lock (_gate)
            {
                if (!_idle.TryGetValue(server, out var stack) || !stack.TryPop(out idle)) return null;
            }
            if (!IsExpired(idle) && IsStillOpen(idle.Socket)) return idle.Socket;
            idle.Socket.Dispose();
        }
    }

    /// <summary>A new connection to <paramref name="server"/>; throws <see cref="SocketException"/> when refused.</summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a connection whose last exchange went well; closes it when the pool for that server is full.</summary>
    public void Return(IPEndPoint server, Socket socket)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                if (!_idle.TryGetValue(server, out var stack)) _idle[server] = stack = new Stack<Idle>();
                if (stack.Count < _maxIdlePerServer)
                {
                    bool wasEmpty = _idle.Values.All(s => s.Count == 0);
                    stack.Push(new Idle(socket, Stopwatch.GetTimestamp()));
                    if (wasEmpty) _sweeper.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
                    return;
                }
            }
        }
        socket.Dispose();
    }

    private bool IsExpired(Idle idle) => Stopwatch.GetElapsedTime(idle.Since) >= _idleTimeout;

    /// <summary>Readable while idle means the server closed it (a read would return 0) or sent bytes nobody asked for.</summary>
    private static bool IsStillOpen(Socket socket)
    {
        try { return !socket.Poll(0, SelectMode.SelectRead); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return false; }
    }

    private void CloseExpired()
    {
        var expired = new List<Socket>();
        bool more;
        lock (_gate)
        {
            foreach (var stack in _idle.Values)
            {
                if (stack.Count == 0) continue;
                var keep = stack.Where(i => !IsExpired(i)).Reverse().ToArray();
                expired.AddRange(stack.Where(IsExpired).Select(i => i.Socket));
                stack.Clear();
                foreach (var idle in keep) stack.Push(idle);
            }
            more = !_disposed && _idle.Values.Any(s => s.Count > 0);
            if (more) _sweeper.Change(_idleTimeout / 2, Timeout.InfiniteTimeSpan);
        }
        foreach (var socket in expired) socket.Dispose();
    }

    public void Dispose()
    {
        List<Socket> open;
        lock (_gate)
        {
            _disposed = true;
            open = [.. _idle.Values.SelectMany(s => s).Select(i => i.Socket)];
            _idle.Clear();
        }
        _sweeper.Dispose();
        foreach (var socket in open) socket.Dispose();
    }
}
