using System.Globalization;

namespace Pint.Engine.Hosting;

/// <summary>
/// Who holds a port, where the OS tells: on Linux the socket's inode from /proc/net/{udp,tcp}[6] and the process
/// whose file descriptors include it. Reading another user's /proc/PID/fd needs root; without it the port is still
/// named, only the process is not.
/// </summary>
public static class PortOwner
{
    /// <summary>"dnsmasq (pid 812)" for the process bound to <paramref name="port"/>, or null when it cannot be told.</summary>
    public static string? Describe(string protocol, int port)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var inodes = new HashSet<string>();
            foreach (var table in new[] { protocol, protocol + "6" })
            {
                var path = $"/proc/net/{table}";
                if (!File.Exists(path)) continue;
                foreach (var line in File.ReadLines(path).Skip(1))
                {
                    var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length < 10) continue;
                    var local = f[1];
                    var colon = local.LastIndexOf(':');
                    if (colon < 0 || !int.TryParse(local[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) || p != port) continue;
                    // TCP: only the listening socket (state 0A) holds the port for a server.
                    if (protocol == "tcp" && f[3] != "0A") continue;
                    inodes.Add(f[9]);
                }
            }
            if (inodes.Count == 0) return null;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                var pidText = Path.GetFileName(dir);
                if (!int.TryParse(pidText, out var pid)) continue;
                string[] fds;
                try { fds = Directory.GetFiles(Path.Combine(dir, "fd")); }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException) { continue; }
                foreach (var fd in fds)
                {
                    string? target;
                    try { target = new FileInfo(fd).LinkTarget; }
                    catch (Exception e) when (e is UnauthorizedAccessException or IOException) { continue; }
                    if (target is null || !target.StartsWith("socket:[", StringComparison.Ordinal)) continue;
                    if (!inodes.Contains(target[8..^1])) continue;
                    var name = File.Exists(Path.Combine(dir, "comm")) ? File.ReadAllText(Path.Combine(dir, "comm")).Trim() : "?";
                    return $"{name} (pid {pid})";
                }
            }
            return "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
