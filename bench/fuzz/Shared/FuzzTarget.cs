namespace Pint.Fuzz;

/// <summary>
/// One parser under fuzz: its seed inputs, how to mutate an input the way that parser's format breaks, and how to
/// run it. <see cref="Run"/> returns an outcome signature (which rejection, which answer): the runner keeps an input
/// that produced a signature it had not seen, so the corpus grows towards new behaviour.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name given on the command line (config, dns-respond, ...).</summary>
    public abstract string Name { get; }

    /// <summary>Valid or nearly valid inputs to start from.</summary>
    public abstract IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Inputs are cut to this length after mutation (a UDP payload, a config file of a few lines).</summary>
    public virtual int MaxInputLength => 4096;

    /// <summary>Words of the format (option names, modes, separators) the byte mutator may insert.</summary>
    public virtual IReadOnlyList<byte[]> Dictionary => [];

    /// <summary>
    /// Parses <paramref name="input"/> and checks the properties the API promises. Throws when the parser throws
    /// (other than what <see cref="IsDocumented"/> allows) or a property fails (<see cref="FuzzPropertyException"/>).
    /// </summary>
    public abstract int Run(byte[] input);

    /// <summary>An exception the API documents for bad input (none for most parsers: they report, never throw).</summary>
    public virtual bool IsDocumented(Exception exception) => false;

    /// <summary>Format-aware mutation; the default is a byte-level one.</summary>
    public virtual byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) =>
        ByteMutator.Mutate(input, corpus, Dictionary, random);
}

/// <summary>A property the parser promises did not hold (as opposed to an exception it threw).</summary>
public sealed class FuzzPropertyException(string message) : Exception(message)
{
    public static void Check(bool condition, string property)
    {
        if (!condition) throw new FuzzPropertyException(property);
    }
}
