namespace Pint.Engine.Net;

/// <summary>
/// The reverse DNS domains (in-addr.arpa, ip6.arpa) of a network. As dnsmasq 2.90 reads a network (observed), a
/// prefix off an octet (IPv4) or nibble (IPv6) boundary covers exactly its addresses: it stands for every reverse
/// domain at the next boundary inside it (10.16.0.0/12 is 16.10 ... 31.10.in-addr.arpa). Used by rev-server= and by
/// the reverse zone of domain=...,local.
/// </summary>
public static class ReverseZones
{
    /// <summary>The reverse domains that together cover ADDRESS/PREFIX, their labels <paramref name="step"/> bits each (8: octets, 4: nibbles).</summary>
    public static IEnumerable<string> Of(byte[] address, int prefix, int step)
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
