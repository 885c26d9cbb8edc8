using Microsoft.Win32.SafeHandles;

namespace Pint.Engine.Tftp;

/// <summary>An opened regular file served in octet mode, read with positional reads (no shared file pointer).</summary>
public sealed class TftpFileContent(SafeFileHandle handle, long length) : ITftpContent
{
    public long Length { get; } = length;

    public int Read(long offset, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length && offset + total < Length)
        {
            int read = RandomAccess.Read(handle, destination[total..], offset + total);
            if (read == 0)
                break; // the file shrank under us; the short block ends the transfer
            total += read;
        }
        return total;
    }

    public void Dispose() => handle.Dispose();
}
