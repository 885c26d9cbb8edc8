using System.Globalization;

namespace Pint.Engine.Management;

/// <summary>Lease times in dnsmasq's spelling: the largest whole unit (45m, 12h, 2d, 90s) or "infinite".</summary>
public static class LeaseTimeText
{
    public static string Format(TimeSpan time)
    {
        if (time == TimeSpan.MaxValue) return "infinite";
        var seconds = (long)time.TotalSeconds;
        if (seconds <= 0) throw new PintEditException(PintEditError.InvalidValue, $"A lease time must be positive; {time} is not.");
        if (seconds % 604800 == 0) return (seconds / 604800).ToString(CultureInfo.InvariantCulture) + "w";
        if (seconds % 86400 == 0) return (seconds / 86400).ToString(CultureInfo.InvariantCulture) + "d";
        if (seconds % 3600 == 0) return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h";
        if (seconds % 60 == 0) return (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m";
        return seconds.ToString(CultureInfo.InvariantCulture);
    }
}
