namespace Pint.Engine.Config;

/// <summary>One long option of dnsmasq 2.90 as the catalog knows it.</summary>
/// <param name="Name">The long option name without dashes, as written in a config file.</param>
/// <param name="Arity">Whether it takes a value.</param>
/// <param name="Repeatable">False when dnsmasq rejects a second occurrence ("illegal repeated keyword").</param>
/// <param name="Implemented">True when Pint types the option into <see cref="PintConfig"/>.</param>
public sealed record OptionInfo(string Name, OptionArity Arity, bool Repeatable, bool Implemented);
