namespace Pint.Engine.Hosting;

/// <summary>
/// pid-file=: the server's process id and a line break, as dnsmasq writes it, so tools that manage a dnsmasq by its
/// pid file (libvirt, lxc-net, NetworkManager) manage Pint the same way. Removed at stop while it still holds our id.
/// </summary>
internal static class PidFile
{
    public static void Write(string path)
    {
        try
        {
            File.WriteAllText(path, $"{Environment.ProcessId}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // dnsmasq refuses to start without its pid file: whoever asked for it relies on it.
            throw new InvalidOperationException($"cannot write pid-file {path}: {e.Message}", e);
        }
    }

    /// <summary>Removes the file unless another process has written its own id there since.</summary>
    public static void Remove(string path)
    {
        try
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() == Environment.ProcessId.ToString()) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stop goes on: a stale pid file names a process that is gone, which its readers check.
        }
    }
}
