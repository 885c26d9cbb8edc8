using System.Buffers;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// Builds and sends a transfer's DATA packets. Packets are laid out back to back at a fixed stride
/// (4 + blksize), which serves two ends:
/// <list type="bullet">
/// <item>read-ahead: the next window is read while the client is still acknowledging this one, so an ACK is answered with a bare send;</item>
/// <item>on Linux, a whole window leaves in one send with UDP generic segmentation offload (UDP_SEGMENT): the
/// kernel cuts the buffer into one datagram per stride, saving a system call per block.</item>
/// </list>
/// </summary>
internal sealed class TftpWindowSender : IDisposable
{
    private const int SolUdp = 17;          // IPPROTO_UDP
    private const int UdpSegment = 103;     // UDP_SEGMENT (linux/udp.h)
    private const int MaxGsoSegments = 64;  // UDP_MAX_SEGMENTS
    private const int MaxGsoBytes = 65000;  // a UDP datagram before segmentation: below 65,507 with room for headers
    private const int MaxBufferBytes = 256 * 1024;

    private readonly Socket _socket;
    private readonly ITftpContent _content;
    private readonly TftpTransfer _transfer;
    private readonly TftpCounters _counters;
    private readonly int _stride;
    private readonly int _capacity;   // packets the buffer holds
    private readonly byte[] _buffer;
    private readonly byte[] _staging; // file bytes of the prepared blocks, before they are cut into packets
    private readonly int[] _lengths;
    private long _preparedFirst;      // block in slot 0
    private int _preparedCount;
    private int _gsoBatch;            // packets per send; 1 = one send per packet

    public TftpWindowSender(Socket socket, ITftpContent content, TftpTransfer transfer, TftpCounters counters)
    {
        _socket = socket;
        _content = content;
        _transfer = transfer;
        _counters = counters;
        _stride = transfer.BlockSize + 4;
        _capacity = Math.Clamp(Math.Min(transfer.WindowSize, MaxBufferBytes / _stride), 1, TftpOptionSet.MaxWindowSize);
        _buffer = ArrayPool<byte>.Shared.Rent(_capacity * _stride);
        _staging = ArrayPool<byte>.Shared.Rent(_capacity * transfer.BlockSize);
        _lengths = new int[_capacity];
        _gsoBatch = EnableSegmentation();
    }

    /// <summary>Sends the blocks of <paramref name="range"/>, reading those not prepared already.</summary>
    public void Send(TftpBlockRange range)
    {
        long block = range.First;
        long end = range.First + range.Count;
        while (block < end)
        {
            int count = (int)Math.Min(end - block, _capacity);
            Prepare(block, count);
            for (int slot = 0; slot < count;)
            {
                int batch = Math.Min(_gsoBatch, count - slot);
                SendSlots(slot, batch);
                slot += batch;
            }
            block += count;
        }
    }

    /// <summary>Reads the blocks in <paramref name="range"/> now, so a later <see cref="Send"/> of them costs no file read.</summary>
    public void ReadAhead(TftpBlockRange range)
    {
        if (!range.IsEmpty)
            Prepare(range.First, Math.Min(range.Count, _capacity));
    }

    private void Prepare(long first, int count)
    {
        if (first == _preparedFirst && count <= _preparedCount)
            return;
        // One read for the whole run of blocks (they are contiguous in the file), then spread into the packets:
        // a copy costs less than a system call per block.
        long offset = _transfer.OffsetOf(first);
        int wanted = (int)Math.Min((long)count * _transfer.BlockSize, _transfer.ContentLength - offset);
        int read = _content.Read(offset, _staging.AsSpan(0, wanted));
        for (int slot = 0; slot < count; slot++)
        {
            var packet = _buffer.AsSpan(slot * _stride, _stride);
            int header = TftpPacketWriter.WriteDataHeader(packet, TftpTransfer.WireNumber(first + slot));
            int start = Math.Min(slot * _transfer.BlockSize, read);
            int length = Math.Min(_transfer.BlockSize, read - start); // short only at the end of the file
            _staging.AsSpan(start, length).CopyTo(packet[header..]);
            _lengths[slot] = header + length;
        }
        _preparedFirst = first;
        _preparedCount = count;
    }

    private void SendSlots(int slot, int count)
    {
        // Only the file's last block is short, and it is always last in a window, so a batch is contiguous.
        int bytes = (count - 1) * _stride + _lengths[slot + count - 1];
        if (count > 1)
        {
            try
            {
                if (TftpTransferSocket.TrySend(_socket, _buffer.AsSpan(slot * _stride, bytes)))
                    _counters.DataSent(bytes - 4 * count);
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.InvalidArgument or SocketError.SocketError or SocketError.MessageSize)
            {
                _gsoBatch = 1; // the route cannot segment (e.g. a device without checksum offload): one send per packet
            }
        }
        for (int i = slot; i < slot + count; i++)
        {
            if (TftpTransferSocket.TrySend(_socket, _buffer.AsSpan(i * _stride, _lengths[i])))
                _counters.DataSent(_lengths[i] - 4);
        }
    }

    private int EnableSegmentation()
    {
        int batch = Math.Min(Math.Min(_capacity, MaxGsoSegments), MaxGsoBytes / _stride);
        if (batch < 2 || !OperatingSystem.IsLinux())
            return 1;
        try
        {
            Span<byte> size = stackalloc byte[sizeof(int)];
            BitConverter.TryWriteBytes(size, _stride);
            _socket.SetRawSocketOption(SolUdp, UdpSegment, size);
            return batch;
        }
        catch (SocketException)
        {
            return 1; // kernel older than 4.18
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_staging);
    }
}
