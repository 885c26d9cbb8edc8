namespace Pint.Soak;

/// <summary>What the load generators did so far; written from many tasks, read by the sampler.</summary>
public sealed class SoakCounters
{
    public long DnsSent;
    public long DnsAnswered;
    public long DnsWrong;
    public long DnsLost;
    public long DhcpAcks;
    public long DhcpWrong;
    public long TftpBytes;
    public long TftpFiles;
    public long TftpWrong;
    public long Errors;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _problems = new();

    public long Wrong => Interlocked.Read(ref DnsWrong) + Interlocked.Read(ref DhcpWrong) + Interlocked.Read(ref TftpWrong);

    /// <summary>The first problems seen (kept short), so a failure names what went wrong.</summary>
    public IEnumerable<string> Problems => _problems;

    /// <summary>Counts a wrong answer or an error and keeps its description if there are few so far.</summary>
    public void Report(ref long counter, string what)
    {
        Interlocked.Increment(ref counter);
        if (_problems.Count < 20) _problems.Enqueue(what);
    }
}
