using System.Net.Sockets;
using Pint.Engine.Tftp;

namespace Pint.Fuzz;

/// <summary>
/// Any bytes through every <see cref="TftpPacketReader"/> method and, for a request, <see cref="TftpOptionNegotiator"/>:
/// rejections only; negotiated options stay within what the server offers and the RFC ranges.
/// </summary>
public sealed class TftpParseTarget : FuzzTarget
{
    public override string Name => "tftp-parse";

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        Packet(1, "pxelinux.0\0octet\0"),
        Packet(1, "boot/grub/x86_64-efi/core.efi\0octet\0blksize\01468\0tsize\00\0"),
        Packet(1, "undionly.kpxe\0netascii\0timeout\05\0windowsize\04\0"),
        Packet(2, "upload.bin\0octet\0"),
        Packet(3, "\0\u0001hello"),
        Packet(4, "\0\u0001"),
        Packet(5, "\0\u0001File not found\0"),
        Packet(6, "blksize\01428\0tsize\01048576\0"),
    ];

    public override IReadOnlyList<byte[]> Dictionary { get; } = FuzzSeeds.Words(
        "\0", "octet\0", "netascii\0", "mail\0", "OCTET\0", "blksize\0", "tsize\0", "timeout\0", "windowsize\0", "BlkSize\0",
        "0\0", "7\0", "8\0", "512\0", "65464\0", "65465\0", "-1\0", "+5\0", "99999999999999999999\0", "255\0", "256\0", "65535\0",
        "../", "..\\", "/", "\u00e9", "\x7f", "\x01");

    public override int MaxInputLength => 1500;

    public override int Run(byte[] input)
    {
        var outcome = (int)new TftpPacketReader(input).ReadOpcode(out var opcode) << 12 | (int)opcode << 8;
        var requestRejection = new TftpPacketReader(input).ReadRequest(out var request);
        outcome |= (int)requestRejection << 4;
        if (request is not null)
        {
            FuzzPropertyException.Check(request.FileName.Length > 0, "a request names a file");
            var o = request.Options;
            FuzzPropertyException.Check(o.BlockSize is null or (>= TftpOptionSet.MinBlockSize and <= TftpOptionSet.MaxBlockSize)
                && o.TimeoutSeconds is null or (>= 1 and <= TftpOptionSet.MaxTimeoutSeconds)
                && o.WindowSize is null or (>= 1 and <= TftpOptionSet.MaxWindowSize) && o.TransferSize is null or >= 0, "requested options within RFC ranges");
            var max = TftpOptionNegotiator.MaxBlockSizeForMtu(input.Length * 3, AddressFamily.InterNetwork);
            var agreed = TftpOptionNegotiator.Negotiate(o, request.Mode, input.Length, max, noBlockSize: input.Length % 5 == 0);
            FuzzPropertyException.Check(agreed.BlockSize is not { } size || (size >= TftpOptionSet.MinBlockSize && size <= max),
                "the agreed block size is within what the link allows");
        }
        new TftpPacketReader(input).ReadOptionAck(out _);
        var ack = new TftpPacketReader(input).ReadAck(out _);
        var data = new TftpPacketReader(input).ReadData(out _, out var payload);
        var error = new TftpPacketReader(input).ReadError(out _, out var message);
        FuzzPropertyException.Check(payload.Length <= input.Length && message.Length <= input.Length, "DATA and ERROR views stay inside the packet");
        return outcome | ((int)ack + (int)data + (int)error) % 16;
    }

    private static byte[] Packet(ushort opcode, string rest) => [(byte)(opcode >> 8), (byte)opcode, .. FuzzSeeds.Utf8(rest)];
}
