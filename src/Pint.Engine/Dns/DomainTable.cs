namespace Pint.Engine.Dns;

/// <summary>
/// Maps domains to values; a lookup finds the most specific domain that is the name itself or one of its parents
/// (how dnsmasq matches /domain/ in address=, local= and server=). Lookups do not allocate.
/// </summary>
public sealed class DomainTable<T>
{
    private readonly Dictionary<byte[], T> _domains = new(DnsNameComparer.Instance);
    private readonly Dictionary<byte[], T>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public DomainTable() => _lookup = _domains.GetAlternateLookup<ReadOnlySpan<byte>>();

    public int Count => _domains.Count;

    /// <summary>Adds or replaces; a later entry for the same domain wins, as in dnsmasq.</summary>
    public void Set(string domain, T value) => _domains[DnsName.FromText(domain)] = value;

    public bool TryGetExisting(string domain, out T value) => _domains.TryGetValue(DnsName.FromText(domain), out value!);

    public bool TryMatch(ReadOnlySpan<byte> name, out T value)
    {
        if (_domains.Count > 0)
        {
            var current = name;
            while (true)
            {
                if (_lookup.TryGetValue(current, out value!)) return true;
                if (current.Length <= 1) break;
                current = DnsName.Parent(current);
            }
        }
        value = default!;
        return false;
    }
}
