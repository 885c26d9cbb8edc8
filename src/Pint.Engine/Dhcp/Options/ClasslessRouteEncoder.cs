namespace Pint.Engine.Dhcp.Options;

/// <summary>
/// RFC 3442 classless static routes from <c>network/prefix,router</c> pairs: each route is the prefix length, the
/// significant octets of the network (prefix rounded up to whole bytes), then the router's four bytes.
/// </summary>
public static class ClasslessRouteEncoder
{
    public static bool TryEncode(IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        bytes = [];
        if (values.Count % 2 != 0)
        {
            error = "classless-static-route takes pairs: network/prefix,router";
            return false;
        }
        var output = new List<byte>();
        for (var i = 0; i < values.Count; i += 2)
        {
            var destination = values[i];
            var slash = destination.IndexOf('/');
            var prefix = 32;
            if (slash >= 0 && (!int.TryParse(destination.AsSpan(slash + 1), out prefix) || prefix is < 0 or > 32))
            {
                error = $"'{destination}' has a bad prefix length (0 to 32)";
                return false;
            }
            var networkText = slash >= 0 ? destination[..slash] : destination;
            if (!DhcpOptionEncoder.TryParseAddress(networkText, out var network))
            {
                error = $"'{networkText}' is not an IPv4 network";
                return false;
            }
            if (!DhcpOptionEncoder.TryParseAddress(values[i + 1], out var router))
            {
                error = $"'{values[i + 1]}' is not an IPv4 router address";
                return false;
            }
            output.Add((byte)prefix);
            output.AddRange(network.GetAddressBytes().AsSpan(0, (prefix + 7) / 8));
            output.AddRange(router.GetAddressBytes());
        }
        bytes = output.ToArray();
        error = null;
        return true;
    }
}
