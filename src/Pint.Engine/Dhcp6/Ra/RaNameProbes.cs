using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp6.Ra;

/// <summary>One guess to confirm: a DHCPv4 lease's host name and the SLAAC address its MAC gives on an ra-names prefix of its link.</summary>
public sealed record RaNameCandidate(string Name, IPAddress Address, string Interface);

/// <summary>
/// One interface as ra-names sees it: its IPv4 networks (a lease whose address is on one was served here, directly:
/// dnsmasq names no relayed client) and the /64 prefixes (as addresses) of the ra-names ranges served on it.
/// </summary>
public sealed record RaNamesLink(string Name, IReadOnlyList<(uint Network, uint Mask)> Ipv4Networks, IReadOnlyList<IPAddress> Prefixes)
{
    /// <summary>
    /// The links where an ra-names range is served: each interface with an IPv4 address and an address on (or, for
    /// constructor:, completing) an ra-names range's prefix; the prefix is the pool start's upper 64 bits, as in dnsmasq.
    /// </summary>
    public static IReadOnlyList<RaNamesLink> From(IReadOnlyList<DhcpRange6> ranges, IEnumerable<(string Name, IReadOnlyList<(IPAddress Address, int PrefixLength)> Addresses)> interfaces)
    {
        var named = ranges.Where(r => (r.Modes & DhcpRange6Modes.RaNames) != 0).ToList();
        var links = new List<RaNamesLink>();
        if (named.Count == 0) return links;
        foreach (var (name, addresses) in interfaces)
        {
            var v4 = addresses.Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
                .Select(a => Ipv4.MaskOf(Math.Clamp(a.PrefixLength, 0, 32)) is var mask ? (Ipv4.ToValue(a.Address) & mask, mask) : default).Distinct().ToList();
            if (v4.Count == 0) continue;
            var v6 = addresses.Where(a => a.Address.AddressFamily == AddressFamily.InterNetworkV6).ToList();
            var prefixes = new List<IPAddress>();
            foreach (var range in named)
                foreach (var pool in Dhcp6Pool.ForLink(range, name, v6))
                {
                    var prefix = Dhcp6Pool.ToAddress(pool.Start & (UInt128.MaxValue << 64));
                    if (!prefixes.Contains(prefix)) prefixes.Add(prefix);
                }
            if (prefixes.Count > 0) links.Add(new RaNamesLink(name, v4, prefixes));
        }
        return links;
    }

    /// <summary>
    /// The guesses for a lease table: every live lease with a host name and an Ethernet MAC whose address is on a
    /// link's IPv4 network, once for each ra-names prefix of that link.
    /// </summary>
    public static IEnumerable<RaNameCandidate> Candidates(IEnumerable<DhcpLease> leases, IReadOnlyList<RaNamesLink> links, DateTimeOffset now)
    {
        if (links.Count == 0) yield break;
        foreach (var lease in leases)
        {
            if (lease.HostName is not { Length: > 0 } host || lease.IsExpiredAt(now) || lease.Address.AddressFamily != AddressFamily.InterNetwork) continue;
            var value = Ipv4.ToValue(lease.Address);
            var link = links.FirstOrDefault(l => l.Ipv4Networks.Any(n => (value & n.Mask) == n.Network));
            if (link is null) continue;
            foreach (var prefix in link.Prefixes)
                if (SlaacGuess.Address(prefix, lease.HardwareAddress) is { } address)
                    yield return new RaNameCandidate(host.TrimEnd('.'), address, link.Name);
        }
    }
}

/// <summary>Where confirmed names go: DNS's registry of DHCP names, which holds one IPv6 address a name.</summary>
public interface IRaNameRegistry
{
    /// <summary>The IPv6 address the name answers with now (from DHCPv6 or from ra-names), or null.</summary>
    IPAddress? CurrentV6(string name);

    void Publish(string name, IPAddress address);

    /// <summary>Withdraws the name's IPv6 address (its IPv4 one stays).</summary>
    void Withdraw(string name);
}

/// <summary>
/// The pure part of ra-names: which guesses are probed when, which are confirmed, and what is published or withdrawn.
/// Each new guess is pinged at once, then after 1, 2, 4, 8 s (plus 0-3 s), then 16 s and doubling up to 2048 s (plus
/// 0-18 s) for as long as the lease lasts: dnsmasq 2.90's schedule (slaac.c). A reply confirms it: the name then
/// answers AAAA with that address, unless the name already has another IPv6 address (DHCPv6 named the host: that
/// one stays, and the guess is published if it goes). When the lease ends (or changes name, address or link), a
/// published guess is withdrawn, but only while the name still answers with it. Not thread-safe: one loop drives it.
/// </summary>
public sealed class RaNameProbes
{
    public const int MaxBackoff = 12;

    private readonly IRaNameRegistry _registry;
    private readonly Random _random;
    private readonly Dictionary<(string Name, IPAddress Address), Probe> _probes = new(new KeyComparer());

    public RaNameProbes(IRaNameRegistry registry, Random? random = null)
    {
        _registry = registry;
        _random = random ?? new Random();
    }

    private sealed class Probe(RaNameCandidate candidate, DateTime now)
    {
        public RaNameCandidate Candidate { get; set; } = candidate;
        public int Backoff { get; set; } = 1;
        public DateTime Next { get; set; } = now;
        public bool Confirmed { get; set; }
        public bool Published { get; set; }
    }

    private sealed class KeyComparer : IEqualityComparer<(string Name, IPAddress Address)>
    {
        public bool Equals((string Name, IPAddress Address) x, (string Name, IPAddress Address) y) =>
            string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase) && x.Address.Equals(y.Address);

        public int GetHashCode((string Name, IPAddress Address) k) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(k.Name), k.Address);
    }

    /// <summary>The guesses being probed or confirmed.</summary>
    public int Count => _probes.Count;

    /// <summary>The confirmed guesses, name to address.</summary>
    public IReadOnlyList<RaNameCandidate> ConfirmedNames => _probes.Values.Where(p => p.Confirmed).Select(p => p.Candidate).ToList();

    /// <summary>
    /// Brings the probes in line with <paramref name="candidates"/> (the whole current set): ended ones withdrawn
    /// first, new ones added; confirmed names missing from the registry (DNS restarted, DHCPv6 dropped its address)
    /// published again. Returns the guesses to ping now (at most <paramref name="max"/>, earliest first), whose next
    /// ping is scheduled.
    /// </summary>
    public IReadOnlyList<RaNameCandidate> Update(IEnumerable<RaNameCandidate> candidates, DateTime now, int max = int.MaxValue)
    {
        var wanted = new Dictionary<(string, IPAddress), RaNameCandidate>(new KeyComparer());
        foreach (var c in candidates) wanted.TryAdd((c.Name, c.Address), c);
        foreach (var (key, probe) in _probes.ToList())
        {
            if (wanted.ContainsKey(key)) continue;
            _probes.Remove(key);
            Withdraw(probe);
        }
        foreach (var (key, candidate) in wanted)
        {
            if (_probes.TryGetValue(key, out var probe)) probe.Candidate = candidate;
            else _probes[key] = new Probe(candidate, now);
        }
        foreach (var probe in _probes.Values)
            if (probe.Confirmed) TryPublish(probe);

        var due = _probes.Values.Where(p => !p.Confirmed && p.Next <= now).OrderBy(p => p.Next).Take(max).ToList();
        foreach (var probe in due)
        {
            // dnsmasq: ping_time += (1 << (backoff - 1)) + rand16()/21785, plus rand16()/4000 past the fourth.
            var gap = (1 << (probe.Backoff - 1)) + _random.NextDouble() * 3;
            if (probe.Backoff > 4) gap += _random.NextDouble() * 16;
            probe.Next = now + TimeSpan.FromSeconds(gap);
            if (probe.Backoff < MaxBackoff) probe.Backoff++;
        }
        return due.Select(p => p.Candidate).ToList();
    }

    /// <summary>The host at <paramref name="address"/> answered: its guesses are confirmed and published. Returns the newly confirmed ones.</summary>
    public IReadOnlyList<RaNameCandidate> Confirm(IPAddress address)
    {
        var confirmed = new List<RaNameCandidate>();
        foreach (var probe in _probes.Values)
        {
            if (probe.Confirmed || !probe.Candidate.Address.Equals(address)) continue;
            probe.Confirmed = true;
            confirmed.Add(probe.Candidate);
            TryPublish(probe);
        }
        return confirmed;
    }

    /// <summary>Withdraws every published guess and forgets them all (the service stops).</summary>
    public void Clear()
    {
        foreach (var probe in _probes.Values) Withdraw(probe);
        _probes.Clear();
    }

    private void TryPublish(Probe probe)
    {
        var (name, address, _) = probe.Candidate;
        var current = _registry.CurrentV6(name);
        if (current is null)
        {
            _registry.Publish(name, address);
            probe.Published = true;
        }
        // DHCPv6 named the host, or another guess of the name (a second ra-names prefix) came first: that one stays.
        else probe.Published = current.Equals(address);
    }

    private void Withdraw(Probe probe)
    {
        if (!probe.Published) return;
        probe.Published = false;
        if (probe.Candidate.Address.Equals(_registry.CurrentV6(probe.Candidate.Name))) _registry.Withdraw(probe.Candidate.Name);
    }
}
