namespace Pint.Engine.Config;

/// <summary>One long option of dnsmasq 2.90 (or a Pint-only option, <see cref="PintOptionCatalog"/>) as the catalog knows it.</summary>
/// <param name="Name">The long option name without dashes, as written in a config file.</param>
/// <param name="Arity">Whether it takes a value.</param>
/// <param name="Repeatable">False when dnsmasq rejects a second occurrence ("illegal repeated keyword").</param>
public sealed record OptionInfo(string Name, OptionArity Arity, bool Repeatable)
{
    /// <summary>
    /// True when Pint types the option into <see cref="PintConfig"/>: it has a handler. Derived, so the catalog and
    /// the handlers cannot disagree about what is implemented.
    /// </summary>
    public bool Implemented => OptionHandlers.All.ContainsKey(Name) || OptionHandlers.Pint.ContainsKey(Name);
}
