using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>
/// <c>rev-server=ADDRESS[/PREFIX][,SERVER...]</c>: the server= line for the reverse zone of a network. As dnsmasq 2.90
/// (observed), a prefix off an octet (IPv4) or nibble (IPv6) boundary covers exactly its addresses: it stands for
/// every reverse domain at the next boundary inside it (10.16.0.0/12 is 16.10 ... 31.10.in-addr.arpa). Without a
/// prefix the whole address (/32, /128) is meant.
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
        var domains = ReverseDomains(address.GetAddressBytes(), prefix, v4 ? 8 : 4);
        DnsServerParser.Server(line.As($"/{string.Join('/', domains)}/{server}"), config);
    }

    /// <summary>The reverse domains that together cover ADDRESS/PREFIX, their labels <paramref name="step"/> bits each (octets or nibbles).</summary>
    internal static IEnumerable<string> ReverseDomains(byte[] address, int prefix, int step)
    {
        int labels = (prefix + step - 1) / step;
        int free = labels * step - prefix; // bits of the last label the prefix leaves open
        for (int variant = 0; variant < 1 << free; variant++)
        {
            var parts = new string[labels];
            for (int i = 0; i < labels; i++)
            {
                int label = step == 8 ? address[i] : (address[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
                if (i == labels - 1) label = (label & ~((1 << free) - 1)) | variant;
                parts[labels - 1 - i] = step == 8 ? label.ToString() : label.ToString("x");
            }
            yield return string.Join('.', parts) + (step == 8 ? ".in-addr.arpa" : ".ip6.arpa");
        }
    }
}
