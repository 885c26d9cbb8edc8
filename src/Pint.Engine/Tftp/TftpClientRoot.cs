using System.Net;
using Pint.Engine.Config;

namespace Pint.Engine.Tftp;

/// <summary>
/// tftp-unique-root: each client may have a directory of its own under the root, named by its IP address
/// (1.2.3.4) or, with =mac, its MAC as the ARP table has it (lower case, zero padded, dashes: 01-02-03-0a-0b-0c).
/// When that directory exists the client's names are looked up there; otherwise under the root itself.
/// </summary>
internal static class TftpClientRoot
{
    /// <summary>The client's own resolver, or null when it has no directory (or its MAC is not known).</summary>
    public static TftpFileResolver? For(TftpFileResolver root, TftpUniqueRoot mode, IPAddress client, bool secure)
    {
        if (mode == TftpUniqueRoot.None) return null;
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        var name = mode == TftpUniqueRoot.Address ? client.ToString() : HardwareAddressOf(client);
        if (name is null) return null;
        var directory = Path.Join(root.Root, name);
        if (!Directory.Exists(directory)) return null;
        try { return new TftpFileResolver(directory, secure); }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>The MAC of an IPv4 neighbour from /proc/net/arp (IP, type, flags, MAC, mask, device per line); null when absent.</summary>
    private static string? HardwareAddressOf(IPAddress client)
    {
        if (!OperatingSystem.IsLinux() || client.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return null;
        string[] lines;
        try { lines = File.ReadAllLines("/proc/net/arp"); }
        catch (IOException) { return null; }
        var wanted = client.ToString();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 4 && fields[0] == wanted && fields[3] != "00:00:00:00:00:00")
                return fields[3].ToLowerInvariant().Replace(':', '-');
        }
        return null;
    }
}
