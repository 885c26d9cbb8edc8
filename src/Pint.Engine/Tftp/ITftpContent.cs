namespace Pint.Engine.Tftp;

/// <summary>The bytes a transfer serves, readable at any offset so a window can be resent.</summary>
public interface ITftpContent : IDisposable
{
    long Length { get; }

    /// <summary>Copies up to <c>destination.Length</c> bytes from <paramref name="offset"/>; returns the count.</summary>
    int Read(long offset, Span<byte> destination);
}
