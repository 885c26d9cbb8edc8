namespace Pint.Engine.Config;

/// <summary>Whether a dnsmasq option takes a value after <c>=</c>.</summary>
public enum OptionArity
{
    /// <summary>A flag: <c>no-resolv</c>. A value is an error ("extraneous parameter" in dnsmasq).</summary>
    None,
    /// <summary>The value may be given or left out: <c>enable-tftp</c> or <c>enable-tftp=eth0</c>.</summary>
    Optional,
    /// <summary>A value is needed: <c>port=53</c>.</summary>
    Required,
}
