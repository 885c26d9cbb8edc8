namespace Pint.Engine.Dhcp.Protocol;

/// <summary>Turns a client-supplied host name into one safe for DNS, as dnsmasq does: first label only, legal characters only.</summary>
internal static class HostNames
{
    public static string? Sanitize(string name)
    {
        var label = name.TrimEnd('\0').Split('.')[0];
        if (label.Length is 0 or > 63) return null;
        foreach (var c in label)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return null;
        return label.StartsWith('-') || label.EndsWith('-') ? null : label;
    }
}
