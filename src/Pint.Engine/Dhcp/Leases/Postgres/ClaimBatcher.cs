using System.Diagnostics;
using System.Net;
using System.Threading.Channels;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>One claim waiting for <see cref="ClaimBatcher"/>.</summary>
internal sealed record PendingClaim(IPAddress Address, LeaseClient Client, string Scope, TimeSpan? LeaseTime, SharedLeaseState State, long EnqueuedAt)
{
    public TaskCompletionSource<LeaseClaimResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for claims: claims arriving together go to the database as one batch of statements in one
/// transaction (one round trip, one WAL flush), as the lease file's journal shares one fsync among many leases. A
/// few workers, each with a connection of its own, take whatever has queued, up to <see cref="MaxBatch"/>, so a flood
/// costs fewer commits, not longer waits. Statements run in address order, so two servers' batches lock rows in one
/// order and cannot deadlock. A claim that queued longer than the operation timeout fails as the database being
/// unavailable, never a longer wait.
/// </summary>
internal sealed class ClaimBatcher : IAsyncDisposable
{
    public const int MaxBatch = 128;

    private readonly Channel<PendingClaim> _queue = Channel.CreateUnbounded<PendingClaim>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Func<IReadOnlyList<PendingClaim>, Task<IReadOnlyList<LeaseClaimResult>>> _run;
    private readonly TimeSpan _timeout;
    private readonly Task[] _workers;
    private int _pending;

    /// <param name="run">Runs one batch (already in address order) in one transaction; one result per claim, in order.</param>
    public ClaimBatcher(Func<IReadOnlyList<PendingClaim>, Task<IReadOnlyList<LeaseClaimResult>>> run, TimeSpan timeout, int workers)
    {
        _run = run;
        _timeout = timeout;
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Claims queued and not yet sent.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public Task<LeaseClaimResult> EnqueueAsync(PendingClaim claim)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(claim))
        {
            Interlocked.Decrement(ref _pending);
            claim.Done.TrySetException(new ObjectDisposedException(nameof(ClaimBatcher)));
        }
        return claim.Done.Task;
    }

    private async Task WorkAsync()
    {
        var batch = new List<PendingClaim>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var claim))
            {
                Interlocked.Decrement(ref _pending);
                var waited = Stopwatch.GetElapsedTime(claim.EnqueuedAt);
                if (waited > _timeout)
                    claim.Done.TrySetException(new LeaseBackendUnavailableException("claim (queued)", waited, new TimeoutException("the claim waited longer than the operation timeout")));
                else batch.Add(claim);
            }
            if (batch.Count == 0) continue;
            batch.Sort(static (a, b) => ((ReadOnlySpan<byte>)a.Address.GetAddressBytes()).SequenceCompareTo(b.Address.GetAddressBytes()));
            try
            {
                var results = await _run(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception exception)
            {
                foreach (var claim in batch) claim.Done.TrySetException(exception);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }
}
