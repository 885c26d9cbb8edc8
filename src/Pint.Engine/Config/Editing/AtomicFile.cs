namespace Pint.Engine.Config;

/// <summary>Replaces a file so that readers see either the old or the new content, never a torn write.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes to a temporary file in the same folder, flushes it to disk, copies the original's permissions (Unix
    /// mode) and renames it over the original.
    /// </summary>
    public static void Write(string path, byte[] content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(path))
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
