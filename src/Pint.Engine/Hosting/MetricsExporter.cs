using System.Net;
using System.Net.Sockets;
using System.Text;
using Pint.Engine.Metrics;

namespace Pint.Engine.Hosting;

/// <summary>
/// Serves GET /metrics in the Prometheus text format on <see cref="PintHostOptions.MetricsEndpoint"/> while the
/// host runs. Every other path answers 404; only GET and HEAD are served.
/// </summary>
public sealed class MetricsExporter : IAsyncDisposable
{
    private readonly HttpListener _http = new();
    private readonly PrometheusCollector _collector = new();
    private readonly Task _loop;

    private MetricsExporter(IPEndPoint endPoint)
    {
        Url = $"http://{UrlHost(endPoint.Address)}:{endPoint.Port}/metrics";
        _http.Prefixes.Add($"http://{PrefixHost(endPoint.Address)}:{endPoint.Port}/");
        try
        {
            _http.Start();
        }
        catch
        {
            _collector.Dispose();
            throw;
        }
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where a scraper reads the metrics, e.g. http://127.0.0.1:9153/metrics.</summary>
    public string Url { get; }

    /// <summary>Listens on <paramref name="endPoint"/>.</summary>
    /// <exception cref="HttpListenerException">The port is taken or may not be opened.</exception>
    public static MetricsExporter Start(IPEndPoint endPoint) => new(endPoint);

    /// <summary>As the control channel: a server whose metrics cannot be served still serves, and logs why (null).</summary>
    public static MetricsExporter? TryStart(IPEndPoint endPoint, IPintLog log)
    {
        try
        {
            var exporter = Start(endPoint);
            log.Write(PintLogLevel.Information, "metrics", $"Prometheus metrics on {exporter.Url}");
            return exporter;
        }
        catch (Exception e) when (e is HttpListenerException or PlatformNotSupportedException or InvalidOperationException)
        {
            log.Write(PintLogLevel.Warning, "metrics", $"no metrics endpoint on {endPoint}: {e.Message}");
            return null;
        }
    }

    // Every address is "+" to HttpListener (http.sys and the managed listener agree on it).
    private static string PrefixHost(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+" : UrlHost(address);

    private static string UrlHost(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private async Task ServeAsync()
    {
        while (_http.IsListening)
        {
            HttpListenerContext context;
            try { context = await _http.GetContextAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The scraper went away mid-reply: nothing to do but serve the next one.
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        using (response)
        {
            if (context.Request.Url?.AbsolutePath.TrimEnd('/') != "/metrics")
            {
                response.StatusCode = 404;
                return;
            }
            if (context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
                response.AddHeader("Allow", "GET, HEAD");
                return;
            }
            var body = Encoding.UTF8.GetBytes(_collector.Scrape());
            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            response.ContentLength64 = body.Length;
            if (context.Request.HttpMethod == "GET") response.OutputStream.Write(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Close();
        await _loop.ConfigureAwait(false);
        _collector.Dispose();
    }
}
