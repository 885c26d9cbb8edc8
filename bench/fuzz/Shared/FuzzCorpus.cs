namespace Pint.Fuzz;

/// <summary>The inputs mutations start from: the seeds plus every input that showed a new outcome.</summary>
public sealed class FuzzCorpus
{
    private const int MaxEntries = 8192;
    private readonly List<byte[]> _entries = [];
    private readonly HashSet<int> _outcomes = [];

    public FuzzCorpus(IEnumerable<byte[]> seeds) => _entries.AddRange(seeds);

    public int Count => _entries.Count;
    public int DistinctOutcomes => _outcomes.Count;

    public byte[] Pick(Random random) => _entries.Count == 0 ? [] : _entries[random.Next(_entries.Count)];

    /// <summary>Remembers the outcome; keeps the input when the outcome is new (or, rarely, at random for variety).</summary>
    public void Observe(byte[] input, int outcome, Random random)
    {
        var isNew = _outcomes.Add(outcome);
        if (!isNew && random.Next(4096) != 0) return;
        if (_entries.Count < MaxEntries) _entries.Add(input);
        else _entries[random.Next(_entries.Count)] = input;
    }
}
