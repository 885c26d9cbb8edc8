using System.Globalization;
using System.Net;

namespace Pint.Engine.Hosting;

/// <summary>
/// The address the Prometheus endpoint listens on, as the user writes it: "9153" (loopback), "127.0.0.1:9153",
/// "[::1]:9153", "0.0.0.0:9153" (every address: only when asked for), or "http://127.0.0.1:9153/metrics".
/// </summary>
public static class MetricsEndpoint
{
    public const int DefaultPort = 9153;

    /// <exception cref="FormatException">Not an address and port; the message says what is expected.</exception>
    public static IPEndPoint Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.AbsolutePath is not ("/" or "/metrics"))
                throw Bad(text, "a URI must be http://ADDRESS:PORT/metrics");
            value = uri.Authority;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var portOnly))
            return new IPEndPoint(IPAddress.Loopback, CheckPort(portOnly, text));
        if (IPEndPoint.TryParse(value, out var endPoint) && value.LastIndexOf(':') > value.LastIndexOf(']'))
            return new IPEndPoint(endPoint.Address, CheckPort(endPoint.Port, text));
        throw Bad(text, "expected ADDRESS:PORT, e.g. 127.0.0.1:9153 or [::1]:9153, or a port alone for loopback");
    }

    private static int CheckPort(int port, string text) =>
        port is >= 1 and <= 65535 ? port : throw Bad(text, "the port must be 1-65535");

    private static FormatException Bad(string text, string why) => new($"Metrics endpoint '{text}': {why}.");
}
