using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>
/// <c>rev-server=ADDRESS[/PREFIX][,SERVER...]</c>: the server= line for the reverse zones of a network
/// (<see cref="Net.ReverseZones"/>). Without a prefix the whole address (/32, /128) is meant.
/// </summary>
internal static class RevServerParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var value = line.Value!;
        var comma = value.IndexOf(',');
        var network = (comma < 0 ? value : value[..comma]).Trim(' ');
        var server = comma < 0 ? "" : value[(comma + 1)..].Trim(' ');
        var slash = network.IndexOf('/');
        var addressText = slash < 0 ? network : network[..slash];
        if (!ValueParser.TryIP(addressText, out var address)) { line.Error($"bad address '{addressText}': expected an IPv4 or IPv6 network"); return; }
        bool v4 = address.AddressFamily == AddressFamily.InterNetwork;
        int bits = v4 ? 32 : 128, prefix = bits;
        if (slash >= 0 && !ValueParser.TryInt(network[(slash + 1)..], 1, bits, out prefix)) { line.Error($"bad prefix '{network[(slash + 1)..]}': expected 1 to {bits}"); return; }
        var domains = Net.ReverseZones.Of(address.GetAddressBytes(), prefix, v4 ? 8 : 4);
        DnsServerParser.Server(line.As($"/{string.Join('/', domains)}/{server}"), config);
    }
}
