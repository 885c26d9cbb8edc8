namespace Pint.Engine.Dhcp6.Options;

/// <summary>How a DHCPv6 option's value is written in a config and carried on the wire.</summary>
public enum Dhcp6OptionKind
{
    /// <summary>Unknown number: encoded by the values' form (addresses, hex bytes, or text).</summary>
    Untyped,
    /// <summary>A list of IPv6 addresses, 16 bytes each; <c>[::]</c> stands for this server's address on the link.</summary>
    Addresses,
    /// <summary>A list of DNS names, uncompressed wire format (RFC 8415 section 10).</summary>
    DomainList,
    /// <summary>A 32-bit number of seconds, written as a lease time (<c>6h</c>).</summary>
    Seconds,
    /// <summary>Text as written.</summary>
    Text,
    /// <summary>NTP server (RFC 5908): each value an address (sub-option 1) or a name (sub-option 3).</summary>
    NtpServers,
    /// <summary>A list of strings, each prefixed by a 16-bit length (bootfile-param, RFC 5970).</summary>
    LengthPrefixedTexts,
}

/// <summary>The DHCPv6 option names dnsmasq 2.90 knows (<c>dnsmasq --help dhcp6</c>), with their numbers and value kinds.</summary>
public static class Dhcp6OptionCatalog
{
    private static readonly (string Name, int Number, Dhcp6OptionKind Kind)[] Known =
    [
        ("sip-server-domain", 21, Dhcp6OptionKind.DomainList),
        ("sip-server", 22, Dhcp6OptionKind.Addresses),
        ("dns-server", 23, Dhcp6OptionKind.Addresses),
        ("domain-search", 24, Dhcp6OptionKind.DomainList),
        ("nis-server", 27, Dhcp6OptionKind.Addresses),
        ("nis+-server", 28, Dhcp6OptionKind.Addresses),
        ("nis-domain", 29, Dhcp6OptionKind.DomainList),
        ("nis+-domain", 30, Dhcp6OptionKind.DomainList),
        ("sntp-server", 31, Dhcp6OptionKind.Addresses),
        ("information-refresh-time", 32, Dhcp6OptionKind.Seconds),
        ("posix-timezone", 41, Dhcp6OptionKind.Text),
        ("tzdb-timezone", 42, Dhcp6OptionKind.Text),
        ("ntp-server", 56, Dhcp6OptionKind.NtpServers),
        ("bootfile-url", 59, Dhcp6OptionKind.Text),
        ("bootfile-param", 60, Dhcp6OptionKind.LengthPrefixedTexts),
    ];

    public static bool TryGetNumber(string name, out int number)
    {
        foreach (var k in Known)
            if (string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)) { number = k.Number; return true; }
        number = 0;
        return false;
    }

    public static Dhcp6OptionKind KindOf(int number)
    {
        foreach (var k in Known)
            if (k.Number == number) return k.Kind;
        return Dhcp6OptionKind.Untyped;
    }

    public static string? NameOf(int number)
    {
        foreach (var k in Known)
            if (k.Number == number) return k.Name;
        return null;
    }

    /// <summary>
    /// Numbers a config may not set: the ones the server itself manages per exchange (client/server id, IAs, status,
    /// relay and auth machinery, rapid commit, ORO, preference, elapsed time, unicast, reconfigure).
    /// </summary>
    public static bool IsServerManaged(int number) => number is >= 1 and <= 20 or 25 or 26;
}
