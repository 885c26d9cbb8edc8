using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Dns;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// A host started with a metrics endpoint serves Prometheus text at /metrics: the DNS counters of each server in the
/// process under its own server label, and the upstream exchange durations; the endpoint closes when the host stops.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pint-metrics-" + Guid.NewGuid().ToString("N"));
    private readonly FakeUpstreamDns _upstream = new(IPAddress.Parse("192.0.2.99"));
    private readonly List<PintServerHost> _hosts = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _upstream.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A DNS-only host on a free loopback port; its metrics on <paramref name="metricsPort"/> when given.</summary>
    private async Task<int> StartHostAsync(string name, int? metricsPort)
    {
        var conf = Path.Combine(_dir, name + ".conf");
        // Tests run in parallel: a port free a moment ago can be taken before the server binds it, so pick again.
        for (int attempt = 1; ; attempt++)
        {
            var port = DnsmasqProcess.FreeLoopbackPort();
            File.WriteAllText(conf, $"port={port}\nlisten-address=127.0.0.1\nbind-interfaces\nno-hosts\nno-resolv\n" +
                $"server={_upstream.EndPoint.Address}#{_upstream.EndPoint.Port}\nhost-record=local.test,192.0.2.1\n");
            var host = PintServerHost.Load(conf, new PintHostOptions
            {
                WatchConfig = false,
                MetricsEndpoint = metricsPort is { } m ? new IPEndPoint(IPAddress.Loopback, m) : null,
            });
            try
            {
                await host.StartAsync();
                _hosts.Add(host);
                return port;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("already in use"))
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task AskAsync(int port, string name)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(Query(name, DnsType.A), new IPEndPoint(IPAddress.Loopback, port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ReceiveAsync(timeout.Token);
    }

    private static async Task<string> ScrapeAsync(int metricsPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static long Series(string text, string name, string labels)
    {
        var match = Regex.Match(text, "^" + Regex.Escape(name + "{" + labels + "}") + " (\\d+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no series {name}{{{labels}}} in:\n{text}");
        return long.Parse(match.Groups[1].Value);
    }

    [Fact]
    public async Task Scrape_shows_each_servers_DNS_queries_by_outcome_and_the_upstream_duration()
    {
        var metricsPort = DnsmasqProcess.FreeLoopbackPort();
        var first = await StartHostAsync("first", metricsPort);
        var second = await StartHostAsync("second", metricsPort: null);
        await AskAsync(first, "local.test");
        await AskAsync(first, "local.test");
        await AskAsync(first, "example.test");
        await AskAsync(second, "local.test");

        var text = await ScrapeAsync(metricsPort);

        Assert.Equal(2, Series(text, "pint_dns_queries_total", $"server=\"127.0.0.1:{first}\",outcome=\"local\""));
        Assert.Equal(1, Series(text, "pint_dns_queries_total", $"server=\"127.0.0.1:{first}\",outcome=\"forwarded\""));
        Assert.Equal(1, Series(text, "pint_dns_queries_total", $"server=\"127.0.0.1:{second}\",outcome=\"local\""));
        Assert.Equal(0, Series(text, "pint_dns_queries_total", $"server=\"127.0.0.1:{second}\",outcome=\"forwarded\""));
        Assert.Equal(3, Series(text, "pint_dns_queries_received_total", $"server=\"127.0.0.1:{first}\""));
        // The histogram is one for the process: other tests forward too, so at least this test's exchange is there.
        Assert.True(Series(text, "pint_dns_upstream_duration_seconds_count", "outcome=\"answered\"") >= 1);
        Assert.Contains("# TYPE pint_dns_upstream_duration_seconds histogram", text);
        Assert.Contains("pint_dns_upstream_duration_seconds_bucket{outcome=\"answered\",le=\"+Inf\"}", text);
    }

    [Fact]
    public async Task The_endpoint_answers_404_off_metrics_and_closes_when_the_host_stops()
    {
        var metricsPort = DnsmasqProcess.FreeLoopbackPort();
        await StartHostAsync("only", metricsPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{metricsPort}/other")).StatusCode);

        await _hosts[0].StopAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics"));
    }

    [Theory]
    [InlineData("9153", "127.0.0.1:9153")]
    [InlineData("127.0.0.1:9100", "127.0.0.1:9100")]
    [InlineData("[::1]:9153", "[::1]:9153")]
    [InlineData("0.0.0.0:9153", "0.0.0.0:9153")]
    [InlineData("http://127.0.0.1:9153/metrics", "127.0.0.1:9153")]
    public void An_endpoint_is_a_port_for_loopback_or_an_address_and_port(string text, string expected) =>
        Assert.Equal(expected, MetricsEndpoint.Parse(text).ToString());

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost:9153")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("http://127.0.0.1:9153/other")]
    public void A_bad_endpoint_is_refused_with_what_is_expected(string text)
    {
        var e = Assert.Throws<FormatException>(() => MetricsEndpoint.Parse(text));
        Assert.Contains(text, e.Message);
    }
}
