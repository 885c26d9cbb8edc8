namespace Pint.Engine.Management;

/// <summary>Copies a (possibly large) boot image into a TFTP root, reporting progress, and never leaves half a file behind.</summary>
public static class BootFileCopy
{
    private const int ChunkSize = 1024 * 1024;

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> through a temporary file renamed into place,
    /// so a TFTP client never reads a partial image. <paramref name="progress"/> gets (bytes copied, total bytes).
    /// </summary>
    public static void Copy(string source, string destination, bool overwrite, Action<long, long>? progress, CancellationToken cancellationToken = default)
    {
        if (!overwrite && File.Exists(destination))
            throw new IOException($"'{destination}' already exists. Use -Force to replace it.");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".pint-copy";
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.SequentialScan))
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, ChunkSize))
            {
                long total = input.Length, copied = 0;
                output.SetLength(total);
                var buffer = new byte[ChunkSize];
                int read;
                progress?.Invoke(0, total);
                while ((read = input.Read(buffer)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    output.Write(buffer, 0, read);
                    copied += read;
                    progress?.Invoke(copied, total);
                }
                output.SetLength(copied);
            }
            // Readable by the TFTP server whichever user it runs as (dnsmasq's tftp-secure aside).
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temporary, destination, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
