using System.Net;

namespace Pint.Engine.Tftp;

/// <summary>
/// Whether a new request gets a transfer slot, and which transfer gives way for it. A client that goes away after
/// its request (or errors out where the server does not hear it) leaves a transfer that waits through its
/// retransmissions for half a minute; without a rule, a few dozen such requests from one host would hold every slot.
/// <list type="bullet">
/// <item>One client address holds at most its share of the slots; past it, its own stalest stalled transfer gives way,
/// or the request is refused when all of its transfers are moving.</item>
/// <item>When all slots are taken, the stalest stalled transfer of the address holding the most gives way, so new
/// requests are served while abandoned transfers would still be timing out.</item>
/// </list>
/// A transfer that is moving (its client answers in time) is never evicted: tftp-max still bounds those.
/// </summary>
internal static class TftpAdmission
{
    /// <summary>The default share of one client address: half of tftp-max, at least one transfer.</summary>
    public static int DefaultShare(int maxTransfers) => Math.Max(1, maxTransfers / 2);

    /// <summary>Decides on a request from <paramref name="address"/> while <paramref name="running"/> hold slots.</summary>
    /// <param name="evict">When admitted, the transfer that must end to make room; null when there is room.</param>
    /// <param name="refusal">When refused, the message for the client's ERROR packet.</param>
    public static bool TryAdmit(IReadOnlyCollection<TftpRunningTransfer> running, IPAddress address, int maxTransfers, int maxPerAddress,
        out TftpRunningTransfer? evict, out string refusal)
    {
        refusal = "";
        var held = new Dictionary<IPAddress, int>();
        foreach (var transfer in running)
            held[transfer.Client.Address] = held.GetValueOrDefault(transfer.Client.Address) + 1;

        if (held.GetValueOrDefault(address) >= maxPerAddress)
        {
            evict = Stalest(running, held, onlyFrom: address);
            if (evict is null)
                refusal = $"too many concurrent transfers from {address} (limit {maxPerAddress})";
            return evict is not null;
        }
        if (running.Count < maxTransfers)
        {
            evict = null;
            return true;
        }
        evict = Stalest(running, held, onlyFrom: null);
        if (evict is null)
            refusal = $"too many concurrent transfers (limit {maxTransfers})";
        return evict is not null;
    }

    /// <summary>The stalled transfer of the address holding the most (of <paramref name="onlyFrom"/>, if given) that stopped first.</summary>
    private static TftpRunningTransfer? Stalest(IReadOnlyCollection<TftpRunningTransfer> running, Dictionary<IPAddress, int> held, IPAddress? onlyFrom)
    {
        TftpRunningTransfer? stalest = null;
        int stalestHeld = 0;
        long stalestSince = 0;
        foreach (var transfer in running)
        {
            long since = transfer.StalledSince; // read once: the transfer may move on meanwhile
            if (since == 0 || (onlyFrom is not null && !transfer.Client.Address.Equals(onlyFrom)))
                continue;
            int count = held.GetValueOrDefault(transfer.Client.Address);
            if (stalest is null || count > stalestHeld || (count == stalestHeld && since < stalestSince))
                (stalest, stalestHeld, stalestSince) = (transfer, count, since);
        }
        return stalest;
    }
}
