using System.Diagnostics;

namespace Pint.Soak;

/// <summary>
/// One soak run: a fake upstream and a site, the service host started on it, DNS, DHCP and TFTP load at once for
/// <see cref="SoakSettings.Duration"/>, the service sampled meanwhile, and a verdict.
/// </summary>
public static class SoakRun
{
    public const int DhcpExchangesPerSecond = 100;

    /// <param name="onSample">Called with each row as it is taken (the console prints the table live).</param>
    public static async Task<(IReadOnlyList<SoakSample> Samples, SoakVerdict Verdict)> RunAsync(SoakSettings settings, Action<SoakSample>? onSample = null)
    {
        using var upstream = new SoakUpstream();
        using var site = SoakSite.Create(upstream.Port);
        using var service = await PintServiceProcess.StartAsync(settings.PintDll, site);
        var counters = new SoakCounters();
        var samples = new List<SoakSample>();
        string? serviceExit = null;

        using var stop = new CancellationTokenSource(settings.Duration);
        var dns = new DnsSoakLoad(SoakSite.Dns(site), settings.DnsQueriesPerSecond, counters);
        var load = Task.WhenAll(
            Task.Run(() => dns.RunAsync(stop.Token)),
            Task.Run(() => new DhcpSoakLoad(settings.DhcpClientsInFlight, DhcpExchangesPerSecond, counters).RunAsync(stop.Token)),
            Task.Run(() => new TftpSoakLoad(SoakSite.Tftp, site.TftpFiles, settings.TftpDownloadsInFlight, counters).RunAsync(stop.Token)));

        var clock = Stopwatch.StartNew();
        var previous = (Time: TimeSpan.Zero, Dns: 0L, Acks: 0L, Bytes: 0L);
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(settings.SampleEvery, stop.Token); } catch (OperationCanceledException) { }
            if (service.HasExited) { serviceExit = $"the service exited during the run:\n{service.Output}"; stop.Cancel(); break; }
            var now = (Time: clock.Elapsed, Dns: Interlocked.Read(ref counters.DnsAnswered), Acks: Interlocked.Read(ref counters.DhcpAcks), Bytes: Interlocked.Read(ref counters.TftpBytes));
            var seconds = (now.Time - previous.Time).TotalSeconds;
            var sample = new SoakSample(now.Time, ServiceProcessStats.ResidentKib(service.Id) / 1024.0, ServiceProcessStats.OpenDescriptors(service.Id),
                (now.Dns - previous.Dns) / seconds, Interlocked.Read(ref counters.DnsLost), counters.Wrong, (now.Acks - previous.Acks) / seconds, LeaseFileKib(site), (now.Bytes - previous.Bytes) / seconds / 1048576,
                Interlocked.Read(ref counters.Errors), SoakSample.MachineLoad());
            samples.Add(sample);
            onSample?.Invoke(sample);
            previous = now;
        }
        await load;
        // Forwarded queries and transfers still in flight close within their timeouts; what stays open is kept.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idleFds = service.HasExited ? 0 : ServiceProcessStats.OpenDescriptors(service.Id);

        var verdict = SoakVerdict.Judge(settings, samples, counters, idleFds, serviceExit);
        verdict = verdict with
        {
            Summary = verdict.Summary + $"\nudp receive-buffer drops: pint dns {UdpDrops.ForPort(site.DnsPort)}, " +
                $"upstream {UdpDrops.ForPort(upstream.Port)} ({upstream.Queries} queries), load generator {UdpDrops.ForPort(dns.LocalPort)}",
        };
        if (!verdict.Passed && !service.HasExited)
        {
            var kinds = ServiceProcessStats.DescriptorKinds(service.Id);
            verdict = verdict with { Summary = verdict.Summary + "\ndescriptors now: " + string.Join(", ", kinds.Select(k => $"{k.Key} x{k.Value}")) };
        }
        return (samples, verdict);
    }

    private static double LeaseFileKib(SoakSite site)
    {
        try { return new FileInfo(site.LeaseFile).Length / 1024.0; }
        catch (IOException) { return double.NaN; } // replaced by a compaction just now
    }
}
