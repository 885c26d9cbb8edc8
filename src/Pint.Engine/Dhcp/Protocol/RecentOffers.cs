namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Addresses offered in the last few seconds, and to which client. A new client is offered an address not offered to
/// another one meanwhile when there is such an address: otherwise two clients discovering at once (their MACs hash to
/// the same part of a filling range) are offered the same address, both request it, and the second gets a NAK and starts
/// over. RFC 2131 4.3.1: the server need not reserve an offered address, but the protocol works more efficiently if it
/// avoids giving it to another client. Under perfdhcp's flood a third of the REQUESTs were NAKed this way. Not
/// thread-safe: the server asks its responder one request at a time.
/// </summary>
internal sealed class RecentOffers
{
    /// <summary>How long an offer keeps its address for its client: a client requests within a second or two of an offer.</summary>
    public static readonly TimeSpan HoldTime = TimeSpan.FromSeconds(5);

    private readonly Dictionary<uint, (string Client, DateTimeOffset Until)> _held = new();
    private readonly Queue<(uint Address, DateTimeOffset Until)> _byAge = new();

    public void Add(uint address, string client, DateTimeOffset now)
    {
        Prune(now);
        var until = now + HoldTime;
        _held[address] = (client, until);
        _byAge.Enqueue((address, until));
    }

    /// <summary>Whether <paramref name="address"/> was offered to a client other than <paramref name="client"/> and may still be requested.</summary>
    public bool IsHeldForAnother(uint address, string client, DateTimeOffset now) =>
        _held.TryGetValue(address, out var held) && held.Until > now && !string.Equals(held.Client, client, StringComparison.OrdinalIgnoreCase);

    private void Prune(DateTimeOffset now)
    {
        while (_byAge.TryPeek(out var oldest) && oldest.Until <= now)
        {
            _byAge.Dequeue();
            if (_held.TryGetValue(oldest.Address, out var held) && held.Until == oldest.Until) _held.Remove(oldest.Address);
        }
    }
}
