using System.Collections.Frozen;

namespace Pint.Engine.Dhcp.Options;

/// <summary>The value type of each DHCPv4 option dnsmasq knows by name; any other number is <see cref="DhcpOptionKind.Untyped"/>.</summary>
public static class DhcpOptionTypes
{
    private static readonly FrozenDictionary<int, DhcpOptionKind> Kinds = new Dictionary<int, DhcpOptionKind>
    {
        [1] = DhcpOptionKind.AddressList,
        [2] = DhcpOptionKind.UInt32,
        [3] = DhcpOptionKind.AddressList,
        [6] = DhcpOptionKind.AddressList,
        [7] = DhcpOptionKind.AddressList,
        [9] = DhcpOptionKind.AddressList,
        [13] = DhcpOptionKind.UInt16,
        [15] = DhcpOptionKind.Text,
        [16] = DhcpOptionKind.AddressList,
        [17] = DhcpOptionKind.Text,
        [18] = DhcpOptionKind.Text,
        [19] = DhcpOptionKind.Boolean,
        [20] = DhcpOptionKind.Boolean,
        [21] = DhcpOptionKind.AddressList,
        [22] = DhcpOptionKind.UInt16,
        [23] = DhcpOptionKind.UInt8,
        [26] = DhcpOptionKind.UInt16,
        [27] = DhcpOptionKind.Boolean,
        [28] = DhcpOptionKind.AddressList,
        [31] = DhcpOptionKind.Boolean,
        [32] = DhcpOptionKind.AddressList,
        [33] = DhcpOptionKind.AddressList,
        [34] = DhcpOptionKind.Boolean,
        [35] = DhcpOptionKind.Time,
        [36] = DhcpOptionKind.Boolean,
        [37] = DhcpOptionKind.UInt8,
        [38] = DhcpOptionKind.Time,
        [40] = DhcpOptionKind.Text,
        [41] = DhcpOptionKind.AddressList,
        [42] = DhcpOptionKind.AddressList,
        [44] = DhcpOptionKind.AddressList,
        [45] = DhcpOptionKind.AddressList,
        [46] = DhcpOptionKind.UInt8,
        [48] = DhcpOptionKind.AddressList,
        [49] = DhcpOptionKind.AddressList,
        [58] = DhcpOptionKind.Time,
        [59] = DhcpOptionKind.Time,
        [64] = DhcpOptionKind.Text,
        [65] = DhcpOptionKind.AddressList,
        [66] = DhcpOptionKind.Text,
        [67] = DhcpOptionKind.Text,
        [68] = DhcpOptionKind.AddressList,
        [69] = DhcpOptionKind.AddressList,
        [70] = DhcpOptionKind.AddressList,
        [71] = DhcpOptionKind.AddressList,
        [74] = DhcpOptionKind.AddressList,
        [93] = DhcpOptionKind.UInt16,
        [100] = DhcpOptionKind.Text,
        [101] = DhcpOptionKind.Text,
        [108] = DhcpOptionKind.Time,
        [119] = DhcpOptionKind.DomainSearch,
        [120] = DhcpOptionKind.SipServers,
        [121] = DhcpOptionKind.ClasslessStaticRoutes,
        [150] = DhcpOptionKind.AddressList,
    }.ToFrozenDictionary();

    public static DhcpOptionKind KindOf(int number) => Kinds.GetValueOrDefault(number, DhcpOptionKind.Untyped);
}
