using System.Diagnostics;

namespace Pint.Fuzz;

/// <summary>How long and how hard to fuzz one target.</summary>
public sealed record FuzzSettings(long Count, int Seed, TimeSpan? TimeLimit = null)
{
    /// <summary>A call slower than this is re-run; if it is slow again it counts as a hang.</summary>
    public TimeSpan SlowCall { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A call allocating more than this (bytes) is an unbounded-allocation finding.</summary>
    public long AllocationLimit { get; init; } = 1024 * 1024;

    /// <summary>A call still running after this is a real hang: the watchdog reports the input and stops the process.</summary>
    public TimeSpan StuckLimit { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Runs a target: seeds first, then mutated inputs, each timed and its allocation measured. Outcome-guided: an
/// input with a new outcome signature joins the corpus.
/// </summary>
public sealed class FuzzRunner(FuzzTarget target, FuzzSettings settings)
{
    private long _currentStart;
    private byte[] _current = [];

    public FuzzResult Run()
    {
        var random = new Random(settings.Seed);
        var corpus = new FuzzCorpus(target.Seeds);
        var result = new FuzzResult(target.Name);
        foreach (var seed in target.Seeds) target.Run(seed); // JIT warm-up, so the first timed calls are not "slow"

        using var watchdog = new Timer(_ => CheckStuck(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var seedIndex = 0;
        while (result.Inputs < settings.Count && (settings.TimeLimit is not { } limit || clock.Elapsed < limit))
        {
            var input = seedIndex < target.Seeds.Count ? target.Seeds[seedIndex++] : target.Mutate(corpus.Pick(random), corpus, random);
            if (input.Length > target.MaxInputLength) input = input[..target.MaxInputLength];
            var outcome = RunOne(input, result);
            if (outcome is { } o) corpus.Observe(input, o, random);
        }
        result.Elapsed = clock.Elapsed;
        result.CorpusSize = corpus.Count;
        result.DistinctOutcomes = corpus.DistinctOutcomes;
        return result;
    }

    private int? RunOne(byte[] input, FuzzResult result)
    {
        result.Inputs++;
        var (outcome, failure, ticks, allocated) = Measure(input);
        result.MaxAllocatedBytes = Math.Max(result.MaxAllocatedBytes, allocated);
        if (failure is not null)
        {
            var key = $"{failure.GetType().Name} {TopFrame(failure)}";
            if (!Counted(result.Crashes, key, input))
                result.Crashes.Add(new FuzzFinding("crash", key, Minimize(input, failure), $"{failure.GetType().Name}: {failure.Message} {TopFrame(failure)}"));
            return null;
        }
        if (Stopwatch.GetElapsedTime(0, ticks) > settings.SlowCall)
        {
            // Once more: a GC pause or a busy machine should not count as a hang.
            var again = Measure(input);
            var slowest = Stopwatch.GetElapsedTime(0, Math.Min(ticks, again.Ticks));
            if (slowest > settings.SlowCall && !Counted(result.Hangs, "hang", input))
                result.Hangs.Add(new FuzzFinding("hang", "hang", input, $"{slowest.TotalMilliseconds:F0} ms"));
            else result.SlowRetried++;
        }
        if (allocated > settings.AllocationLimit && !Counted(result.LargeAllocations, "allocation", input))
            result.LargeAllocations.Add(new FuzzFinding("allocation", "allocation", input, $"{allocated:N0} bytes"));
        return outcome;
    }

    private (int Outcome, Exception? Failure, long Ticks, long Allocated) Measure(byte[] input)
    {
        _current = input;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _currentStart, start);
        try
        {
            var outcome = target.Run(input);
            return (outcome, null, Stopwatch.GetTimestamp() - start, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        catch (Exception e) when (!target.IsDocumented(e))
        {
            return (0, e, Stopwatch.GetTimestamp() - start, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        catch (Exception)
        {
            return (-1, null, Stopwatch.GetTimestamp() - start, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            Volatile.Write(ref _currentStart, 0);
        }
    }

    private void CheckStuck()
    {
        var start = Volatile.Read(ref _currentStart);
        if (start == 0 || Stopwatch.GetElapsedTime(start) < settings.StuckLimit) return;
        // A call that never returns cannot be recorded normally: say which input it was, then stop.
        Environment.FailFast($"fuzz {target.Name}: call stuck for over {settings.StuckLimit.TotalSeconds} s on input {Convert.ToHexString(_current)}");
    }

    /// <summary>Shrinks a crashing input by dropping chunks while the same exception type still comes out.</summary>
    private byte[] Minimize(byte[] input, Exception failure)
    {
        var best = input;
        for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1; chunk /= 2)
        {
            for (var at = 0; at + chunk <= best.Length;)
            {
                byte[] candidate = [.. best.AsSpan(0, at), .. best.AsSpan(at + chunk)];
                if (Measure(candidate).Failure?.GetType() == failure.GetType()) best = candidate;
                else at += chunk;
            }
        }
        return best;
    }

    /// <summary>Counts a repeat of a known problem (keeping its shortest input); false when the problem is new.</summary>
    private static bool Counted(List<FuzzFinding> findings, string key, byte[] input)
    {
        var same = findings.FindIndex(f => f.Key == key);
        if (same < 0) return false;
        var known = findings[same];
        findings[same] = known with { Count = known.Count + 1, Input = input.Length < known.Input.Length ? input : known.Input };
        return true;
    }

    private static string TopFrame(Exception e) => e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
}
