namespace Pint.Engine.Tftp;

/// <summary>Content held in memory: the netascii-encoded form of a file.</summary>
public sealed class TftpMemoryContent(byte[] bytes) : ITftpContent
{
    public long Length => bytes.Length;

    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= bytes.Length)
            return 0;
        int count = (int)Math.Min(destination.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, count).CopyTo(destination);
        return count;
    }

    public void Dispose() { }
}
