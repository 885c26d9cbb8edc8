namespace Pint.Engine.Config;

/// <summary>Replaces a file so that readers see either the old or the new content, never a torn write.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes to a temporary file in the same folder, flushes it to disk, copies the original's permissions (Unix
    /// mode) and renames it over the original.
    /// </summary>
    public static void Write(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>
    /// As <see cref="Write(string, byte[])"/>, with the content written by <paramref name="write"/>. A single writer
    /// that owns the file (the lease store, under its lock) names a fixed <paramref name="temporaryPath"/>, so a
    /// temporary file left by a crash is reused rather than left behind.
    /// </summary>
    public static void Write(string path, Action<Stream> write, string? temporaryPath = null)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = temporaryPath ?? Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, temporaryPath is null ? FileMode.CreateNew : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
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
