namespace Pint.Engine.Config;

/// <summary>Reads the option part of dhcp-option / dhcp-match: a number, <c>option:number</c> or <c>option:name</c>.</summary>
internal static class DhcpOptionCode
{
    public static bool TryParse(string field, out int number, out string error)
    {
        error = "";
        number = 0;
        if (field.StartsWith("option6:", StringComparison.Ordinal))
        {
            error = "DHCPv6 options are not supported yet";
            return false;
        }
        var text = field.StartsWith("option:", StringComparison.Ordinal) ? field[7..] : field;
        if (ValueParser.TryInt(text, 1, 254, out number)) return true;
        if (!ReferenceEquals(text, field) && DhcpOptionNames.TryGetNumber(text, out number)) return true;

        error = ReferenceEquals(text, field) && DhcpOptionNames.TryGetNumber(text, out _)
            ? $"bad option '{field}': write names as option:{field}"
            : $"bad option '{field}': expected a number from 1 to 254 or option:name (see 'dnsmasq --help dhcp')";
        return false;
    }

    /// <summary><c>option6:NUMBER</c> or <c>option6:NAME</c> (the names of <c>dnsmasq --help dhcp6</c>).</summary>
    public static bool TryParse6(string field, out int number, out string error)
    {
        error = "";
        var text = field.StartsWith("option6:", StringComparison.Ordinal) ? field[8..] : field;
        if (ValueParser.TryInt(text, 1, 65535, out number) || Pint.Engine.Dhcp6.Options.Dhcp6OptionCatalog.TryGetNumber(text, out number))
        {
            if (!Pint.Engine.Dhcp6.Options.Dhcp6OptionCatalog.IsServerManaged(number)) return true;
            error = $"option6:{text} is set by the server itself and cannot be configured";
            return false;
        }
        error = $"bad option '{field}': expected a number from 1 to 65535 or option6:name (see 'dnsmasq --help dhcp6')";
        return false;
    }
}
