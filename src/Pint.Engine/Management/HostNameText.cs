namespace Pint.Engine.Management;

/// <summary>Checks names before they are written into a config, so a typo never becomes a line dnsmasq rejects.</summary>
public static class HostNameText
{
    public static string Validate(string name)
    {
        var n = name?.Trim() ?? string.Empty;
        if (n.Length == 0) throw new PintEditException(PintEditError.InvalidValue, "The host name is empty.");
        if (n.Length > 253) throw new PintEditException(PintEditError.InvalidValue, $"Host name '{n}' is longer than 253 characters.");
        foreach (var label in n.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63)
                throw new PintEditException(PintEditError.InvalidValue, $"Host name '{n}' has an empty label or one longer than 63 characters.");
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    throw new PintEditException(PintEditError.InvalidValue, $"Host name '{n}' contains '{c}'; names may use letters, digits, '-' and '_'.");
            }
            if (label[0] == '-' || label[^1] == '-')
                throw new PintEditException(PintEditError.InvalidValue, $"Host name '{n}' has a label that starts or ends with '-'.");
        }
        return n;
    }
}
