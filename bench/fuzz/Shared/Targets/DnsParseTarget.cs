using Pint.Engine.Dns;

namespace Pint.Fuzz;

/// <summary>
/// Any bytes through <see cref="DnsQuery.Parse"/> and a full walk with <see cref="DnsMessageReader"/> (every question
/// and record, every name decompressed): rejections only, never an exception; a parsed name is a valid wire name.
/// </summary>
public sealed class DnsParseTarget(FuzzSeeds seeds) : FuzzTarget
{
    public override string Name => "dns-parse";
    public override IReadOnlyList<byte[]> Seeds { get; } = [.. DnsSeeds.Queries(seeds), .. DnsSeeds.Replies(seeds)];

    public override byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) => DnsMutator.Mutate(input, corpus, random);

    public override int Run(byte[] input)
    {
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        var rejection = DnsQuery.Parse(input, name, out var query);
        if (rejection == DnsRejection.None)
        {
            FuzzPropertyException.Check(query.Name.Length is > 0 and <= DnsFlags.MaxNameLength && query.Name[^1] == 0, "a parsed name ends with the root label");
            FuzzPropertyException.Check(DnsName.LabelCount(query.Name) >= 0 && DnsName.ToText(query.Name) is not null, "a parsed name converts to text");
            FuzzPropertyException.Check(query.QuestionBytes.Length <= input.Length, "QuestionBytes lies within the message");
        }
        return (int)rejection * 64 + Walk(input);
    }

    /// <summary>Reads every section as a resolver would; returns how far it got (which section failed).</summary>
    private static int Walk(byte[] input)
    {
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        var reader = new DnsMessageReader(input);
        if (reader.ReadHeader(out var header) != DnsRejection.None) return 0;
        for (var i = 0; i < header.QuestionCount; i++)
        {
            var r = reader.ReadName(name, out var length);
            if (r != DnsRejection.None) return 1 + (int)r;
            FuzzPropertyException.Check(length <= DnsFlags.MaxNameLength, "a decompressed name fits 255 bytes");
            if (!reader.TrySkip(4)) return 10;
        }
        var records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (var i = 0; i < records; i++)
        {
            var r = reader.ReadRecord(name, out _, out var record);
            if (r != DnsRejection.None) return 11 + (int)r;
            FuzzPropertyException.Check(record.DataOffset + record.DataLength <= input.Length, "RDATA lies within the message");
        }
        return reader.Remaining == 0 ? 20 : 21;
    }
}
