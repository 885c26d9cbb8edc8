namespace Pint.Engine.Tftp;

/// <summary>
/// netascii encoding (RFC 764 via RFC 1350): LF becomes CR LF and a bare CR becomes CR NUL, so the
/// receiver can undo both. (dnsmasq 2.90 converts only LF.)
/// </summary>
public static class NetAscii
{
    public static long EncodedLength(ReadOnlySpan<byte> source) =>
        source.Length + (long)source.Count((byte)'\n') + source.Count((byte)'\r');

    /// <summary>Encodes <paramref name="source"/>; <paramref name="destination"/> must hold <see cref="EncodedLength"/> bytes.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = 0;
        while (!source.IsEmpty)
        {
            int special = source.IndexOfAny((byte)'\n', (byte)'\r');
            int plain = special < 0 ? source.Length : special;
            source[..plain].CopyTo(destination[written..]);
            written += plain;
            if (special < 0)
                break;
            bool lineFeed = source[special] == '\n';
            destination[written++] = (byte)'\r';
            destination[written++] = lineFeed ? (byte)'\n' : (byte)0;
            source = source[(special + 1)..];
        }
        return written;
    }
}
