namespace Pint.Fuzz;

/// <summary>One problem found: what kind, the (shortest) input that shows it, and how often it was seen.</summary>
/// <summary><paramref name="Key"/> says which problem it is (exception type and place), so repeats are counted, not listed.</summary>
public sealed record FuzzFinding(string Kind, string Key, byte[] Input, string Detail, int Count = 1)
{
    public override string ToString() => $"{Kind} x{Count}: {Detail}\n    input ({Input.Length} bytes): {Convert.ToHexString(Input)}";
}

/// <summary>What one fuzz run of one target saw.</summary>
public sealed class FuzzResult(string target)
{
    public string Target { get; } = target;
    public long Inputs { get; set; }
    public List<FuzzFinding> Crashes { get; } = [];
    public List<FuzzFinding> Hangs { get; } = [];
    public List<FuzzFinding> LargeAllocations { get; } = [];
    /// <summary>Calls slow once but fast when repeated (GC pause, busy machine): not hangs.</summary>
    public long SlowRetried { get; set; }
    public long MaxAllocatedBytes { get; set; }
    public TimeSpan Elapsed { get; set; }
    public int CorpusSize { get; set; }
    public int DistinctOutcomes { get; set; }
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public bool Clean => Crashes.Count == 0 && Hangs.Count == 0 && LargeAllocations.Count == 0;

    public string Summary() =>
        $"{Target,-14} inputs {Inputs,12:N0}  crashes {Crashes.Sum(c => c.Count),4}  hangs {Hangs.Sum(h => h.Count),4}  " +
        $"big-alloc {LargeAllocations.Sum(a => a.Count),4}  max-alloc {MaxAllocatedBytes,10:N0} B  {InputsPerSecond,10:N0}/s  " +
        $"outcomes {DistinctOutcomes,5}  corpus {CorpusSize,5}  slow-retried {SlowRetried}  {Elapsed:hh\\:mm\\:ss}";

    public IEnumerable<FuzzFinding> Findings => Crashes.Concat(Hangs).Concat(LargeAllocations);
}
