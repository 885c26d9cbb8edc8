namespace Pint.Soak;

/// <summary>
/// Whether the service held up: RSS flat over the second half, descriptors back to the post-warm-up count, every
/// answer right, no errors, and every protocol actually served.
/// </summary>
public sealed record SoakVerdict(IReadOnlyList<string> Failures, string Summary)
{
    public bool Passed => Failures.Count == 0;

    public static SoakVerdict Judge(SoakSettings settings, IReadOnlyList<SoakSample> samples, SoakCounters counters, int idleFds, string? serviceExit)
    {
        var failures = new List<string>();
        if (serviceExit is not null) failures.Add(serviceExit);
        var afterWarmUp = samples.Where(s => s.Elapsed >= settings.WarmUp).ToList();
        if (afterWarmUp.Count < 3)
        {
            failures.Add($"only {afterWarmUp.Count} samples after the warm-up: run longer");
            return new SoakVerdict(failures, "");
        }
        var baseline = afterWarmUp[0];
        var floor = afterWarmUp.Min(s => s.Fds);
        var middle = samples.First(s => s.Elapsed >= settings.Duration / 2);
        var last = samples[^1];
        var growth = (last.RssMib - middle.RssMib) / middle.RssMib;
        if (growth >= settings.MaxSecondHalfRssGrowth)
            failures.Add($"RSS grew {growth:P1} over the second half ({middle.RssMib:F1} -> {last.RssMib:F1} MiB)");
        if (idleFds > floor + settings.FdTolerance)
            failures.Add($"{idleFds} descriptors once idle, at least {floor} under load after the warm-up");
        // Without compaction the journal grows by two lines (ACK, RELEASE) per client: megabytes in minutes.
        if (samples.Max(s => double.IsNaN(s.LeaseFileKib) ? 0 : s.LeaseFileKib) is var leaseKib && leaseKib > settings.MaxLeaseFileKib)
            failures.Add($"the lease file reached {leaseKib:F0} KiB: it does not compact");
        if (counters.Wrong > 0) failures.Add($"{counters.Wrong} wrong answers (dns {counters.DnsWrong}, dhcp {counters.DhcpWrong}, tftp {counters.TftpWrong})");
        // A first request may time out while the server is still starting on a busy machine (JIT, other tests);
        // from the end of the warm-up on, every error counts.
        var warmUpErrors = samples.Where(s => s.Elapsed < settings.WarmUp).Select(s => s.Errors).DefaultIfEmpty(0).Max();
        if (counters.Errors - warmUpErrors > settings.MaxErrorsAfterWarmUp) failures.Add($"{counters.Errors - warmUpErrors} errors after the warm-up ({counters.Errors} in all)");
        if (counters.DnsLost > settings.MaxDnsLossFraction * counters.DnsSent)
            failures.Add($"{counters.DnsLost} of {counters.DnsSent} DNS queries unanswered (more than {settings.MaxDnsLossFraction:P1})");
        if (counters.DnsAnswered == 0) failures.Add("no DNS answer at all");
        if (counters.DhcpAcks == 0) failures.Add("no DHCP ACK at all");
        if (counters.TftpFiles == 0) failures.Add("no TFTP download completed");
        if (failures.Count > 0) failures.AddRange(counters.Problems.Select(p => "  " + p));

        var summary = $"RSS {baseline.RssMib:F1} MiB after warm-up, {middle.RssMib:F1} at half time, {last.RssMib:F1} at the end " +
            $"(second half {growth:+0.0%;-0.0%}); fds {baseline.Fds} after warm-up (lowest {floor}), {idleFds} once idle; " +
            $"dns {counters.DnsAnswered} answered of {counters.DnsSent} ({counters.DnsLost} lost), dhcp {counters.DhcpAcks} ACKs, tftp {counters.TftpFiles} files " +
            $"({counters.TftpBytes / 1048576.0:F0} MiB); wrong {counters.Wrong}, errors {counters.Errors}";
        return new SoakVerdict(failures, summary);
    }
}
