using Pint.Engine.Dns;

namespace Pint.Soak;

/// <summary>Every name the DNS load asks, in wire form, with the one address each must answer.</summary>
public sealed class SoakDnsNames
{
    public SoakDnsNames()
    {
        var names = new List<byte[]>();
        var addresses = new List<uint>();
        for (var i = 0; i < SoakSite.HostRecords; i++) { names.Add(DnsName.FromText(SoakSite.HostRecordName(i))); addresses.Add(SoakSite.HostRecordAddress(i)); }
        for (var i = 0; i < SoakSite.AddnHosts; i++) { names.Add(DnsName.FromText(SoakSite.AddnHostName(i))); addresses.Add(SoakSite.AddnHostAddress(i)); }
        for (var i = 0; i < SoakSite.ForwardedNames; i++) { names.Add(DnsName.FromText(SoakSite.ForwardedName(i))); addresses.Add(SoakSite.UpstreamAddress(i)); }
        Wire = names.ToArray();
        Addresses = addresses.ToArray();
    }

    public byte[][] Wire { get; }
    public uint[] Addresses { get; }
    public int Count => Wire.Length;

    private static readonly byte[] UpstreamSuffix = DnsName.FromText(SoakSite.UpstreamDomain);

    /// <summary>N for a name fN.up.test, else -1 (the upstream answers NXDOMAIN).</summary>
    public static int ForwardedNumber(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < 3 || (wire[1] | 0x20) != 'f' || !DnsName.EqualsIgnoreCase(DnsName.Parent(wire), UpstreamSuffix)) return -1;
        var number = 0;
        foreach (var digit in wire.Slice(2, wire[0] - 1))
        {
            if (digit is < (byte)'0' or > (byte)'9' || number > 100_000_000) return -1;
            number = number * 10 + (digit - '0');
        }
        return wire[0] > 1 ? number : -1;
    }
}
