namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>The dnsmasq-format config the real-client tests serve, for Pint and dnsmasq alike.</summary>
internal static class LabConfig
{
    public const string ReservedMac = "52:54:00:77:00:20";
    public const string ReservedAddress = "10.77.0.20";
    public const string ReservedName = "reserved-box";
    public const string IgnoredMac = "52:54:00:77:00:66";
    public const string Domain = "lab.test";
    public const int LeaseSeconds = 43200;

    public static string Write(NetnsLab lab, string name, string extra = "")
    {
        var path = Path.Combine(lab.Directory, name + ".conf");
        File.WriteAllText(path, $"""
            no-resolv
            no-hosts
            domain={Domain}
            dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,12h
            dhcp-host={ReservedMac},{ReservedAddress},{ReservedName}
            dhcp-host={IgnoredMac},ignore
            dhcp-leasefile={LeaseFile(lab, name)}
            dhcp-authoritative
            {extra}
            """);
        return path;
    }

    public static string LeaseFile(NetnsLab lab, string name) => Path.Combine(lab.Directory, name + ".leases");
}
