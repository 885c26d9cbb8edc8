using Pint.Engine.Dhcp.Wire;

namespace Pint.Fuzz;

/// <summary>
/// Any bytes through <see cref="DhcpPacketReader.TryRead"/>, every accessor, a walk of all options (including
/// overloaded file/sname): a rejection reason or a packet whose options all lie inside it, never an exception.
/// (The request model built from it is exercised by the dhcp-respond target.)
/// </summary>
public sealed class DhcpParseTarget(FuzzSeeds seeds) : FuzzTarget
{
    public override string Name => "dhcp-parse";
    public override IReadOnlyList<byte[]> Seeds { get; } = DhcpSeeds.Packets(seeds);
    public override int MaxInputLength => 1500;

    public override byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) => DhcpMutator.Mutate(input, corpus, random);

    public override int Run(byte[] input)
    {
        if (!DhcpPacketReader.TryRead(input, out var reader, out var rejection))
            return (int)rejection;
        var optionBytes = 0;
        var options = 0;
        foreach (var option in reader.Options)
        {
            options++;
            optionBytes += 2 + option.Value.Length;
            FuzzPropertyException.Check(option.Code is not (0 or 255), "pad and end are not options");
        }
        FuzzPropertyException.Check(optionBytes <= input.Length, "options fit inside the packet");
        FuzzPropertyException.Check(reader.ClientHardwareAddress.Length <= 16 && reader.ServerName.Length <= 64 && reader.BootFileName.Length <= 128,
            "chaddr, sname and file stay inside their fields");
        _ = (reader.TransactionId, reader.Seconds, reader.BroadcastFlag, reader.ClientAddress, reader.YourAddress, reader.ServerAddress, reader.RelayAddress);
        reader.TryGetOption(55, out _);
        return 100 + (int)reader.MessageType * 16 + Math.Min(options, 15);
    }
}
