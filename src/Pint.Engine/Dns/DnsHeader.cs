using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>The fixed 12-byte DNS header.</summary>
public readonly record struct DnsHeader(ushort Id, ushort Flags, ushort QuestionCount, ushort AnswerCount, ushort AuthorityCount, ushort AdditionalCount)
{
    public int Opcode => (Flags & DnsFlags.OpcodeMask) >> 11;
    public DnsRcode Rcode => (DnsRcode)(Flags & DnsFlags.RcodeMask);
    public bool IsResponse => (Flags & DnsFlags.Response) != 0;
    public bool HasFlag(ushort flag) => (Flags & flag) != 0;

    public static DnsHeader Read(ReadOnlySpan<byte> s) => new(
        BinaryPrimitives.ReadUInt16BigEndian(s),
        BinaryPrimitives.ReadUInt16BigEndian(s[2..]),
        BinaryPrimitives.ReadUInt16BigEndian(s[4..]),
        BinaryPrimitives.ReadUInt16BigEndian(s[6..]),
        BinaryPrimitives.ReadUInt16BigEndian(s[8..]),
        BinaryPrimitives.ReadUInt16BigEndian(s[10..]));

    public void Write(Span<byte> s)
    {
        BinaryPrimitives.WriteUInt16BigEndian(s, Id);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], Flags);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], QuestionCount);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], AnswerCount);
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], AuthorityCount);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], AdditionalCount);
    }
}
