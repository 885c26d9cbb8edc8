using System.Buffers.Binary;
using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Fuzz;

/// <summary>
/// Any bytes as a client packet through <see cref="DhcpResponder.Respond"/> with a small config (ranges, reservations,
/// options, matches, tag-if, boot) and an in-memory lease table that the decisions really change: a reply is a
/// well-formed BOOTREPLY for the same transaction; a packet it cannot answer is dropped with a reason.
/// </summary>
public sealed class DhcpRespondTarget(FuzzSeeds seeds) : FuzzTarget
{
    private static readonly DhcpReceiveContext Context = new(IPAddress.Parse("192.168.7.1"), 24, "eth0");
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private LeaseStore _leases = LeaseStore.InMemory();
    private DhcpResponder? _responder;
    private int _calls;

    public override string Name => "dhcp-respond";
    public override IReadOnlyList<byte[]> Seeds { get; } = DhcpSeeds.Packets(seeds);
    public override int MaxInputLength => 1500;

    public override byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) => DhcpMutator.Mutate(input, corpus, random);

    public override int Run(byte[] input)
    {
        if (_responder is null || ++_calls % 4096 == 0)
        {
            // A fresh table now and then, so the run sees both an empty and a full pool.
            _leases = LeaseStore.InMemory();
            _responder = DhcpSeeds.Responder(_leases);
        }
        var decision = _responder.Respond(input, Context, Now.AddSeconds(_calls));
        if (decision.LeaseToCommit is { } lease) _leases.CommitAsync(lease).AsTask().GetAwaiter().GetResult();
        if (decision.AddressToRelease is { } released) _leases.ReleaseAsync(released).AsTask().GetAwaiter().GetResult();
        if (decision.AddressToDecline is { } declined) _leases.DeclineAsync(declined, decision.DeclinedUntil).AsTask().GetAwaiter().GetResult();
        if (decision.Reply is not { } reply)
        {
            // RELEASE and DECLINE need no reply; anything else without one says why.
            var handled = decision.AddressToRelease is not null || decision.AddressToDecline is not null;
            FuzzPropertyException.Check(handled || decision.DropReason is not null, "a dropped packet has a reason");
            return handled ? 0xFFF : (int)decision.DropReason!.Value;
        }
        FuzzPropertyException.Check(DhcpPacketReader.TryRead(reply, out var parsed, out var rejection), $"the reply parses ({rejection})");
        FuzzPropertyException.Check(!parsed.IsRequest && parsed.TransactionId == BinaryPrimitives.ReadUInt32BigEndian(input.AsSpan(4)), "a BOOTREPLY for the same transaction");
        return 0x1000 + (int)parsed.MessageType * 16 + (int)decision.Destination;
    }
}
