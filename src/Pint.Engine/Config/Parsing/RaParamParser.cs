using System.Globalization;

namespace Pint.Engine.Config;

/// <summary>
/// Parses <c>ra-param=INTERFACE,[mtu:N|mtu:IFACE|mtu:off,][high|low,]INTERVAL[,LIFETIME]</c> as dnsmasq 2.90 accepts
/// it: the interface alone is enough, but mtu: or a priority must be followed by the interval; an MTU under 1280 is
/// refused; the priority is case-insensitive; empty fields are skipped; an interval over 1800 seconds is used as 1800
/// and a lifetime over 9000 as 9000 when advertising (RFC 4861's limits), so large numbers are accepted.
/// </summary>
internal static class RaParamParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var fields = line.Fields().Where(f => f.Length > 0).ToArray();
        if (fields.Length == 0) { line.Error("missing interface name"); return; }
        var iface = fields[0];
        int? mtu = null;
        string? mtuInterface = null;
        var mtuOff = false;
        var preference = RaPreference.Medium;
        var i = 1;
        if (i < fields.Length && fields[i].StartsWith("mtu:", StringComparison.OrdinalIgnoreCase))
        {
            var value = fields[i][4..];
            if (value.Length == 0) { line.Error("bad ra-param: empty mtu:"); return; }
            if (value.Equals("off", StringComparison.OrdinalIgnoreCase)) mtuOff = true;
            else if (char.IsAsciiDigit(value[0]))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1280)
                { line.Error($"bad ra-param: MTU '{value}' (IPv6 needs at least 1280)"); return; }
                mtu = n;
            }
            else mtuInterface = value;
            i++;
        }
        if (i < fields.Length && fields[i].Equals("high", StringComparison.OrdinalIgnoreCase)) { preference = RaPreference.High; i++; }
        else if (i < fields.Length && fields[i].Equals("low", StringComparison.OrdinalIgnoreCase)) { preference = RaPreference.Low; i++; }
        var interval = 0;
        int? lifetime = null;
        if (i == fields.Length)
        {
            if (i > 1) { line.Error("bad ra-param: the interval (seconds, 0 for the default) must follow mtu: or the priority"); return; }
        }
        else
        {
            if (!TrySeconds(fields[i], out interval)) { line.Error($"bad ra-param: interval '{fields[i]}' is not a number of seconds (expected INTERFACE,[mtu:N|off,][high|low,]INTERVAL[,LIFETIME])"); return; }
            i++;
            if (i < fields.Length)
            {
                if (!TrySeconds(fields[i], out var l)) { line.Error($"bad ra-param: router lifetime '{fields[i]}' is not a number of seconds"); return; }
                lifetime = l;
                i++;
            }
            if (i < fields.Length) { line.Error($"bad ra-param: unexpected '{fields[i]}' after the router lifetime"); return; }
        }
        config.Dhcp.RaParamList.Add(new RaParam(iface, mtu, mtuInterface, mtuOff, preference, interval, lifetime, line.Source));
    }

    /// <summary>A non-negative whole number; values past int range become int.MaxValue (they are clamped when used).</summary>
    private static bool TrySeconds(string text, out int seconds)
    {
        seconds = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)) return false;
        seconds = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue ? (int)n : int.MaxValue;
        return true;
    }
}
