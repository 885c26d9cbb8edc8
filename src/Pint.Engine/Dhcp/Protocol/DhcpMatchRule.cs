namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// A <c>dhcp-match</c> (also <c>dhcp-vendorclass</c>/<c>dhcp-userclass</c>): set <paramref name="SetTag"/> when the client
/// sent option <paramref name="OptionCode"/>, and, if <paramref name="Value"/> is given, the option contains it
/// (null bytes in the pattern are wildcards).
/// </summary>
public sealed record DhcpMatchRule(string SetTag, byte OptionCode, byte?[]? Value = null)
{
    internal bool Matches(ReadOnlySpan<byte> option)
    {
        if (Value is null) return true;
        for (var start = 0; start + Value.Length <= option.Length; start++)
        {
            var i = 0;
            while (i < Value.Length && (Value[i] is null || Value[i] == option[start + i])) i++;
            if (i == Value.Length) return true;
        }
        return false;
    }
}
