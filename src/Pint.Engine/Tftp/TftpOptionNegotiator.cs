using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>Decides which requested options (RFC 2347-2349, 7440) the server acknowledges.</summary>
public static class TftpOptionNegotiator
{
    /// <summary>
    /// Returns the options to put in the OACK; an empty set means "no OACK, start with DATA 1".
    /// blksize is capped at <paramref name="maxBlockSize"/> (from the MTU) and ignored when
    /// <paramref name="noBlockSize"/> is set; tsize is answered only in octet mode, as in dnsmasq,
    /// because the netascii size is not the file size, and not for an empty file: curl rejects an OACK with
    /// tsize 0 ("invalid tsize"), and a client that asked for the size learns it from the one empty DATA block.
    /// </summary>
    public static TftpOptionSet Negotiate(in TftpOptionSet requested, TftpMode mode, long contentLength, int maxBlockSize, bool noBlockSize)
    {
        int? blockSize = noBlockSize || requested.BlockSize is not { } wanted
            ? null
            : Math.Min(wanted, maxBlockSize);
        long? size = requested.TransferSize is not null && mode == TftpMode.Octet && contentLength > 0 ? contentLength : null;
        return new TftpOptionSet(blockSize, size, requested.TimeoutSeconds, requested.WindowSize);
    }

    /// <summary>Largest block that fits one unfragmented datagram on a link with this MTU.</summary>
    public static int MaxBlockSizeForMtu(int mtu, AddressFamily family)
    {
        const int udpAndTftpHeaders = 8 + 4;
        int ipHeader = family == AddressFamily.InterNetworkV6 ? 40 : 20;
        return Math.Clamp(mtu - ipHeader - udpAndTftpHeaders, TftpOptionSet.MinBlockSize, TftpOptionSet.MaxBlockSize);
    }
}
