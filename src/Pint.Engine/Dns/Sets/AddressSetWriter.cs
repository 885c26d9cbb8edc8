using System.Net;
using System.Threading.Channels;
using Pint.Engine.Config;

namespace Pint.Engine.Dns.Sets;

/// <summary>
/// Takes answers' addresses off the DNS path: <see cref="TryEnqueue"/> never blocks (a full queue drops the answer,
/// reported once), and one worker writes what queued up meanwhile as a single batch per tool, so a burst of answers
/// costs one nft and one ipset run, not one per answer. A failing set is reported, never thrown.
/// </summary>
internal sealed class AddressSetWriter
{
    /// <summary>One answer's addresses and where they go.</summary>
    private readonly record struct Pending(AddressSetTarget[] Ipsets, AddressSetTarget[] Nftsets, List<IPAddress> Addresses);

    public const int QueueLength = 4096;
    /// <summary>Answers written in one batch at most; the rest wait for the next.</summary>
    private const int MaxBatch = 1024;
    /// <summary>How long the worker lets a first answer wait for others to share its batch.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(5);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SetFailureLog _failures = new();
    private readonly NftSetWriter _nft;
    private readonly IpsetWriter _ipset;
    private int _droppedReported;
    private long _written, _batches;

    public AddressSetWriter(ISetCommands commands, Action<string>? log)
    {
        _failures.Log = log;
        _nft = new NftSetWriter(commands, _failures);
        _ipset = new IpsetWriter(commands, _failures);
        Worker = Task.Run(RunAsync);
    }

    /// <summary>Where failures are reported (a reload may bring a new log).</summary>
    public Action<string>? Log { set => _failures.Log = value; }

    /// <summary>The worker; it ends only after <see cref="Complete"/>.</summary>
    public Task Worker { get; }

    /// <summary>Answers written so far and the batches they took (for tests and diagnostics).</summary>
    public long Written => Interlocked.Read(ref _written);
    public long Batches => Interlocked.Read(ref _batches);

    public void TryEnqueue(AddressSetTarget[] ipsets, AddressSetTarget[] nftsets, List<IPAddress> addresses)
    {
        if (_queue.Writer.TryWrite(new Pending(ipsets, nftsets, addresses))) return;
        if (Interlocked.Exchange(ref _droppedReported, 1) == 0)
            _failures.Log?.Invoke($"ipset/nftset: more than {QueueLength} answers wait to be written to the kernel; dropping answers until the queue drains");
    }

    /// <summary>No more answers: the worker writes what is queued and ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await Task.Delay(Gather).ConfigureAwait(false);
            var ipsets = new Dictionary<AddressSetTarget, HashSet<IPAddress>>();
            var nftsets = new Dictionary<AddressSetTarget, HashSet<IPAddress>>();
            int count = 0;
            while (count < MaxBatch && reader.TryRead(out var p))
            {
                count++;
                Add(ipsets, p.Ipsets, p.Addresses);
                Add(nftsets, p.Nftsets, p.Addresses);
            }
            try
            {
                if (nftsets.Count > 0) await _nft.WriteAsync(nftsets).ConfigureAwait(false);
                if (ipsets.Count > 0) await _ipset.WriteAsync(ipsets).ConfigureAwait(false);
            }
            catch (Exception e) // whatever goes wrong with a child process must not end the worker
            {
                _failures.Failed("the kernel's sets", e.Message);
            }
            Interlocked.Exchange(ref _droppedReported, 0);
            Interlocked.Add(ref _written, count);
            Interlocked.Increment(ref _batches);
        }
    }

    private static void Add(Dictionary<AddressSetTarget, HashSet<IPAddress>> into, AddressSetTarget[] targets, List<IPAddress> addresses)
    {
        foreach (var t in targets)
        {
            if (!into.TryGetValue(t, out var set)) into[t] = set = [];
            set.UnionWith(addresses);
        }
    }
}
