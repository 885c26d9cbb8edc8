using System.Text;
using CsCheck;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

public class TftpPacketTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Packet(ushort opcode, string body) => [(byte)(opcode >> 8), (byte)opcode, .. Bytes(body)];

    [Fact]
    public void Reads_read_request_with_options_case_insensitively()
    {
        var packet = Packet(1, "pxelinux.0\0OCTET\0BLKSIZE\01468\0tsize\00\0Timeout\03\0windowsize\016\0");
        Assert.Equal(TftpRejection.None, new TftpPacketReader(packet).ReadRequest(out var request));
        Assert.Equal(new TftpRequest(TftpOpcode.ReadRequest, "pxelinux.0", TftpMode.Octet, new TftpOptionSet(1468, 0, 3, 16)), request);
    }

    [Theory]
    [InlineData("f\0netascii\0", TftpMode.NetAscii)]
    [InlineData("f\0NetAscii\0", TftpMode.NetAscii)]
    [InlineData("f\0octet\0", TftpMode.Octet)]
    public void Reads_modes(string body, TftpMode mode)
    {
        Assert.Equal(TftpRejection.None, new TftpPacketReader(Packet(1, body)).ReadRequest(out var request));
        Assert.Equal(mode, request!.Mode);
    }

    [Theory]
    [InlineData("blksize\04\0", null)]          // below the RFC 2348 minimum of 8
    [InlineData("blksize\065465\0", null)]      // above the maximum
    [InlineData("blksize\0abc\0", null)]
    [InlineData("blksize\0+512\0", null)]
    [InlineData("blksize\0600\0blksize\0700\0", 700)] // the later duplicate wins, as in dnsmasq
    [InlineData("blksize\0", null)]              // a name without value at the end is ignored
    public void Out_of_range_or_malformed_block_size_is_ignored(string options, int? expected)
    {
        Assert.Equal(TftpRejection.None, new TftpPacketReader(Packet(1, "f\0octet\0" + options)).ReadRequest(out var request));
        Assert.Equal(expected, request!.Options.BlockSize);
    }

    [Theory]
    [InlineData(new byte[] { 0 }, TftpRejection.TooShort)]
    [InlineData(new byte[] { 0, 9, 1, 2 }, TftpRejection.UnknownOpcode)]
    [InlineData(new byte[] { 0, 0 }, TftpRejection.UnknownOpcode)]
    [InlineData(new byte[] { 0, 4, 0, 1 }, TftpRejection.WrongOpcode)]
    [InlineData(new byte[] { 0, 1, (byte)'a', 0 }, TftpRejection.UnterminatedString)]
    [InlineData(new byte[] { 0, 1, (byte)'a', 0, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t' }, TftpRejection.UnterminatedString)]
    [InlineData(new byte[] { 0, 1, 0, (byte)'o', 0 }, TftpRejection.EmptyFileName)]
    [InlineData(new byte[] { 0, 1, (byte)'a', 1, (byte)'b', 0, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t', 0 }, TftpRejection.InvalidFileName)]
    [InlineData(new byte[] { 0, 1, 0xC0, 0xAE, 0, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t', 0 }, TftpRejection.InvalidFileName)] // overlong UTF-8 "."
    [InlineData(new byte[] { 0, 1, (byte)'a', 0, (byte)'m', (byte)'a', (byte)'i', (byte)'l', 0 }, TftpRejection.UnsupportedMode)]
    public void Rejects_malformed_requests(byte[] packet, TftpRejection expected)
    {
        Assert.Equal(expected, new TftpPacketReader(packet).ReadRequest(out var request));
        Assert.Null(request);
    }

    [Fact]
    public void Rejects_trailing_garbage_option_without_terminator()
    {
        // dnsmasq answers "unsupported request" to this too.
        Assert.Equal(TftpRejection.UnterminatedString, new TftpPacketReader(Packet(1, "a\0octet\0tsize")).ReadRequest(out _));
    }

    [Fact]
    public void Reads_write_request_so_the_server_can_refuse_it()
    {
        Assert.Equal(TftpRejection.None, new TftpPacketReader(Packet(2, "up\0octet\0")).ReadRequest(out var request));
        Assert.Equal(TftpOpcode.WriteRequest, request!.Opcode);
    }

    [Fact]
    public void ACK_and_error_round_trip_through_writer()
    {
        var buffer = new byte[600];
        int length = TftpPacketWriter.WriteAck(buffer, 65535);
        Assert.Equal(TftpRejection.None, new TftpPacketReader(buffer.AsSpan(0, length)).ReadAck(out ushort block));
        Assert.Equal(65535, block);

        length = TftpPacketWriter.WriteError(buffer, TftpErrorCode.FileNotFound, "file x not found");
        Assert.Equal(TftpRejection.None, new TftpPacketReader(buffer.AsSpan(0, length)).ReadError(out var code, out var message));
        Assert.Equal(TftpErrorCode.FileNotFound, code);
        Assert.Equal("file x not found", Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void ACK_with_extra_bytes_is_rejected()
    {
        Assert.Equal(TftpRejection.TrailingBytes, new TftpPacketReader([0, 4, 0, 1, 0]).ReadAck(out _));
        Assert.Equal(TftpRejection.TooShort, new TftpPacketReader([0, 4, 0]).ReadAck(out _));
    }

    [Fact]
    public void Long_error_message_is_truncated_to_fit_one_packet()
    {
        var buffer = new byte[2000];
        int length = TftpPacketWriter.WriteError(buffer, TftpErrorCode.NotDefined, new string('é', 1000));
        Assert.True(length <= TftpPacketWriter.MaxErrorPacketLength);
        Assert.Equal(TftpRejection.None, new TftpPacketReader(buffer.AsSpan(0, length)).ReadError(out _, out var message));
        Assert.True(System.Text.Unicode.Utf8.IsValid(message)); // cut at a character boundary
    }

    [Fact]
    public void Option_ACK_round_trips()
    {
        var buffer = new byte[100];
        var options = new TftpOptionSet(1468, 123456789012, 5, 16);
        int length = TftpPacketWriter.WriteOptionAck(buffer, options);
        Assert.Equal("\0\u0006blksize\01468\0tsize\0123456789012\0timeout\05\0windowsize\016\0", Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(TftpRejection.None, new TftpPacketReader(buffer.AsSpan(0, length)).ReadOptionAck(out var read));
        Assert.Equal(options, read);
    }

    [Fact]
    public void Request_writer_and_reader_agree()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 100], Gen.Int[8, 65464].Nullable(), Gen.Int[1, 65535].Nullable(), Gen.Bool)
            .Sample((name, blockSize, window, octet) =>
            {
                var options = new TftpOptionSet(blockSize, null, null, window);
                var mode = octet ? TftpMode.Octet : TftpMode.NetAscii;
                var buffer = new byte[300];
                int length = TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, name, mode, options);
                return new TftpPacketReader(buffer.AsSpan(0, length)).ReadRequest(out var request) == TftpRejection.None
                    && request == new TftpRequest(TftpOpcode.ReadRequest, name, mode, options);
            });
    }

    [Fact]
    public void Random_and_mutated_packets_never_throw()
    {
        var valid = new byte[100];
        int validLength = TftpPacketWriter.WriteRequest(valid, TftpOpcode.ReadRequest, "boot/x.efi", TftpMode.Octet, new TftpOptionSet(1468, 0, 3, 16));
        var mutated = Gen.Select(Gen.Int[0, validLength - 1], Gen.Byte, Gen.Int[0, validLength])
            .Select((index, value, cut) =>
            {
                var copy = valid.AsSpan(0, validLength).ToArray();
                copy[index] = value;
                return copy[..cut];
            });
        var random = Gen.Byte.Array[0, 80];
        Gen.OneOf(mutated, random).Sample(packet =>
        {
            var reader = new TftpPacketReader(packet);
            reader.ReadRequest(out _);
            reader = new TftpPacketReader(packet);
            reader.ReadOptionAck(out _);
            reader.ReadAck(out _);
            reader.ReadData(out _, out _);
            reader.ReadError(out _, out _);
        }, iter: 20_000);
    }
}
