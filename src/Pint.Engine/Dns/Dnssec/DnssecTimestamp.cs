namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// dnssec-timestamp=PATH, as dnsmasq 2.90 keeps it: a file whose modification time is the latest time the clock was
/// known good. Created with 2015-01-01 as its time when missing. While the clock reads earlier than the file's time (a
/// machine without a battery-backed clock, before NTP), signatures' validity windows are not checked; once the clock
/// passes it the file is touched (its time set to now, so the next boot knows a later good time) and checks stay on.
/// </summary>
public sealed class DnssecTimestamp
{
    /// <summary>The time dnsmasq gives a timestamp file it creates: 1420070400, 2015-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset CreatedTime = DateTimeOffset.FromUnixTimeSeconds(1420070400);

    private readonly string _path;
    private readonly DateTimeOffset _stamp;
    private volatile bool _clockGood;

    private DnssecTimestamp(string path, DateTimeOffset stamp)
    {
        _path = path;
        _stamp = stamp;
    }

    public string Path => _path;

    /// <summary>Reads the file's time, creating the file when missing; null (with the reason) when neither works: time is then checked.</summary>
    public static DnssecTimestamp? Open(string path, out string? error)
    {
        error = null;
        try
        {
            if (!File.Exists(path))
            {
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
                File.SetLastWriteTimeUtc(path, CreatedTime.UtcDateTime);
            }
            return new DnssecTimestamp(path, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot create timestamp file {path}: {e.Message}";
            return null;
        }
    }

    /// <summary>The file's time when it was opened.</summary>
    public DateTimeOffset Stamp => _stamp;

    /// <summary>
    /// Whether the clock can be trusted at <paramref name="now"/>: true from the first time it is at or past the
    /// file's time on (the file is touched then, once). <paramref name="becameGood"/> is true on that first time only.
    /// </summary>
    public bool IsClockGood(DateTimeOffset now, out bool becameGood)
    {
        becameGood = false;
        if (_clockGood) return true;
        if (now < _stamp) return false;
        lock (this)
        {
            if (_clockGood) return true;
            try { File.SetLastWriteTimeUtc(_path, now.UtcDateTime); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // dnsmasq logs it and goes on
            _clockGood = true;
            becameGood = true;
        }
        return true;
    }
}
