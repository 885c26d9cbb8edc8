using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Pint.Engine.Hosting.Control;

/// <summary>Talks to a running server's control socket: what cmdlets in any session use to reach a service.</summary>
public static class ControlClient
{
    /// <summary>True when something listens on <paramref name="path"/>.</summary>
    public static bool IsAvailable(string path) => File.Exists(path);

    public static async Task<ControlResponse> SendAsync(string path, ControlRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cts.Token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(request, ControlJson.Options);
        await stream.WriteAsync(bytes, cts.Token).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cts.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = await reader.ReadLineAsync(cts.Token).ConfigureAwait(false)
            ?? throw new IOException($"The server on '{path}' closed the control connection without answering.");
        return JsonSerializer.Deserialize<ControlResponse>(line, ControlJson.Options)
            ?? throw new IOException($"The server on '{path}' sent an empty answer.");
    }

    /// <summary>Sends a request and returns its result as <typeparamref name="T"/>; an error answer throws with the server's message.</summary>
    public static async Task<T> CallAsync<T>(string path, ControlRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(path, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.Ok) throw new InvalidOperationException(response.Error ?? "The server refused the request.");
        if (response.Result is not { } result) throw new IOException("The server answered without a result.");
        return result.Deserialize<T>(ControlJson.Options) ?? throw new IOException("The server's answer could not be read.");
    }
}
