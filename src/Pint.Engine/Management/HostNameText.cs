using Pint.Engine.Dns;

namespace Pint.Engine.Management;

/// <summary>Checks names before they are written into a config, so a typo never becomes a line dnsmasq rejects.</summary>
public static class HostNameText
{
    /// <summary>The trimmed name (a final '.' allowed), or <see cref="PintEditException"/> saying what is wrong with it.</summary>
    public static string Validate(string name)
    {
        var n = name?.Trim() ?? string.Empty;
        return HostNameCheck.Problem(n, HostNameForms.TrailingDot) switch
        {
            null => n,
            "is empty" => throw new PintEditException(PintEditError.InvalidValue, "The host name is empty."),
            var problem => throw new PintEditException(PintEditError.InvalidValue, $"Host name '{n}' {problem}."),
        };
    }
}
