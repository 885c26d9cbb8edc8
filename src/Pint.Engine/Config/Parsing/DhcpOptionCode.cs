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
}
