namespace Pint.Engine.Dns;

/// <summary>What a name may have beyond the strict form (labels of letters, digits, '-' and '_', no '-' at either end).</summary>
[Flags]
public enum HostNameForms
{
    Strict = 0,
    /// <summary>A leading "*." (a wildcard record, as dnsmasq's address and host-record lines take).</summary>
    Wildcard = 1,
    /// <summary>A final '.' (a fully qualified name as written in zone files and configs).</summary>
    TrailingDot = 2,
    /// <summary>A label that ends with '-' (dnsmasq reads such names in its config; the DNS does not forbid them).</summary>
    TrailingHyphen = 4,
    /// <summary>No '_' either (what a DHCP client may name itself, as dnsmasq cleans it).</summary>
    NoUnderscore = 8,
}

/// <summary>
/// The one check of a DNS host name: at most 253 characters, labels of 1 to 63 letters, digits, '-' and '_', not
/// starting with '-'. Config parsing, cmdlet edits, imports and DHCP client names each say which extra forms they take.
/// </summary>
public static class HostNameCheck
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    /// <summary>What is wrong with <paramref name="name"/> as a host name, worded to follow the name ("is empty", ...), or null.</summary>
    public static string? Problem(ReadOnlySpan<char> name, HostNameForms forms = HostNameForms.Strict)
    {
        if (name.IsEmpty) return "is empty";
        if (name.Length > MaxLength) return $"is longer than {MaxLength} characters";
        if ((forms & HostNameForms.Wildcard) != 0 && name.StartsWith("*.")) name = name[2..];
        if ((forms & HostNameForms.TrailingDot) != 0 && name.Length > 1 && name[^1] == '.') name = name[..^1];
        var underscore = (forms & HostNameForms.NoUnderscore) == 0;
        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.Length is 0 or > MaxLabelLength) return $"has an empty label or one longer than {MaxLabelLength} characters";
            foreach (var c in label)
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || (underscore && c == '_')))
                    return underscore ? $"contains '{c}'; names may use letters, digits, '-' and '_'" : $"contains '{c}'; names may use letters, digits and '-'";
            if (label[0] == '-' || (label[^1] == '-' && (forms & HostNameForms.TrailingHyphen) == 0))
                return "has a label that starts or ends with '-'";
        }
        return null;
    }

    public static bool IsValid(ReadOnlySpan<char> name, HostNameForms forms = HostNameForms.Strict) => Problem(name, forms) is null;
}
