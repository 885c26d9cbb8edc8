namespace Pint.Engine.Dns.Sets;

/// <summary>
/// Reports a failing set once, not once per answer: a missing set or tool would otherwise write a line for every
/// query. After the set works again a new failure is reported again.
/// </summary>
internal sealed class SetFailureLog
{
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    public Action<string>? Log { get; set; }

    /// <summary>Only the writer's one worker calls these, so no lock.</summary>
    public void Failed(string set, string message)
    {
        if (_failing.Add(set)) Log?.Invoke($"cannot add addresses to {set}: {message} (reported once until it works again)");
    }

    public void Worked(string set) => _failing.Remove(set);

    public bool IsFailing(string set) => _failing.Contains(set);
}
