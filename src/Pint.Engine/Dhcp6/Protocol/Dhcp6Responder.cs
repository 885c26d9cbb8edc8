using System.Net;
using Pint.Engine.Dhcp6.Options;
using Pint.Engine.Dhcp6.Wire;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>What one client message leads to: the reply (null = send nothing), the lease changes to make durable first, and a log line.</summary>
public sealed record Dhcp6Decision(Dhcp6Reply? Reply, IReadOnlyList<Dhcp6LeaseChange> Changes, string Log);

/// <summary>
/// The DHCPv6 server's decisions, pure: a request, the link it came from, the lease table (read only) and the time in;
/// a <see cref="Dhcp6Decision"/> out. RFC 8415 section 18.3 and what dnsmasq 2.90 answers for the same config.
/// </summary>
public static class Dhcp6Responder
{
    private const uint Infinity = uint.MaxValue;

    public static Dhcp6Decision Respond(Dhcp6Request request, Dhcp6Link link, Dhcp6ServerOptions options, Dhcp6LeaseTable leases, DateTimeOffset now)
    {
        var name = $"DHCP{Name(request.Type)}({link.Name}) {request.ClientIdText}";
        if (request.ServerId is { } sid && !sid.AsSpan().SequenceEqual(options.ServerDuid))
            return new Dhcp6Decision(null, [], $"{name} ignored: for another server");
        var host = FindHost(request, options);
        if (host is { Ignore: true }) return new Dhcp6Decision(null, [], $"{name} ignored: dhcp-host says ignore");
        var tags = new HashSet<string>(StringComparer.Ordinal) { "dhcpv6", link.Name };
        if (host is not null)
        {
            tags.Add("known");
            foreach (var t in host.SetTags) tags.Add(t);
        }
        var pools = link.Pools.Where(p => TagsMatch(p.Tags, tags)).ToList();
        foreach (var p in pools) if (p.SetTag is { } st) tags.Add(st);

        var naming = Naming.For(request, host, options, tags);
        var context = new Context(request, link, options, leases, now, host, pools, tags, naming);
        return request.Type switch
        {
            Dhcp6MessageType.Solicit => context.Solicit(name),
            Dhcp6MessageType.Request => context.Assign(name, Dhcp6MessageType.Reply, commit: true),
            Dhcp6MessageType.Renew => context.Extend(name, rebind: false),
            Dhcp6MessageType.Rebind => context.Extend(name, rebind: true),
            Dhcp6MessageType.Release => context.Release(name, decline: false),
            Dhcp6MessageType.Decline => context.Release(name, decline: true),
            Dhcp6MessageType.Confirm => context.Confirm(name),
            Dhcp6MessageType.InformationRequest => context.Information(name),
            _ => new Dhcp6Decision(null, [], $"{name} ignored"),
        };
    }

    private static string Name(Dhcp6MessageType type) => type switch
    {
        Dhcp6MessageType.InformationRequest => "INFORMATION-REQUEST",
        _ => type.ToString().ToUpperInvariant(),
    };

    internal static bool TagsMatch(IReadOnlyList<string> required, HashSet<string> tags)
    {
        foreach (var t in required)
        {
            if (t.StartsWith('!')) { if (tags.Contains(t[1..])) return false; }
            else if (!tags.Contains(t)) return false;
        }
        return true;
    }

    private static Dhcp6HostReservation? FindHost(Dhcp6Request request, Dhcp6ServerOptions options)
    {
        if (request.ClientId.Length == 0) return null;
        if (HostByClient(request.ClientId, options) is { } byClient) return byClient;
        // Found by name only when the line names neither DUID nor MAC (so no client can take another's by name).
        if (request.HostName is { } hn)
            foreach (var h in options.Hosts)
                if (h.ClientId is null && h.HardwareAddresses.Count == 0 && h.HostName is { } name
                    && string.Equals(Dhcp6Fqdn.HostPart(name), hn, StringComparison.OrdinalIgnoreCase)) return h;
        return null;
    }

    /// <summary>The dhcp-host line for a DUID: by <c>id:</c>, else by the MAC inside a DUID-LL/LLT.</summary>
    internal static Dhcp6HostReservation? HostByClient(byte[] clientId, Dhcp6ServerOptions options)
    {
        foreach (var h in options.Hosts)
            if (h.ClientId is { } id && id.AsSpan().SequenceEqual(clientId)) return h;
        if (Dhcp6Duid.MacOf(clientId) is { } mac)
        {
            var text = string.Join(':', mac.Select(b => b.ToString("x2")));
            foreach (var h in options.Hosts)
                if (h.HardwareAddresses.Any(m => MacMatches(m, text))) return h;
        }
        return null;
    }

    /// <summary>
    /// The name this exchange gives, as dnsmasq 2.90 picks it: a dhcp-host name for the client's DUID or MAC
    /// (<see cref="Authoritative"/>: no client can take it away), else the first label of the client's FQDN option
    /// (dropped under dhcp-ignore-names); <see cref="Flags"/> are the FQDN flags to send back.
    /// </summary>
    private sealed record Naming(string? Name, bool Authoritative, string? HostDomain, byte Flags)
    {
        public static Naming For(Dhcp6Request request, Dhcp6HostReservation? host, Dhcp6ServerOptions options, HashSet<string> tags)
        {
            // RFC 4704 flags: dnsmasq always does the update itself (S and O set unless the client asked for S),
            // never echoes N; without an FQDN option it sends S alone.
            byte flags = request.FqdnFlags is { } f ? (byte)(((f & 0x01) == 0 ? f | 0x03 : f) & ~0x04) : (byte)0x01;
            if (host?.HostName is { } configured && (host.ClientId is not null || host.HardwareAddresses.Count > 0))
                return new Naming(Dhcp6Fqdn.HostPart(configured), true, Dhcp6Fqdn.DomainPart(configured), flags);
            var name = request.HostName;
            if (name is not null && options.IgnoreNames.Any(set => TagsMatch(set, tags))) name = null;
            return new Naming(name, false, null, flags);
        }
    }

    private static bool MacMatches(string pattern, string mac)
    {
        var p = pattern.Contains('-') ? pattern[(pattern.IndexOf('-') + 1)..] : pattern;
        var a = p.Split(':');
        var b = mac.Split(':');
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (a[i] != "*" && !string.Equals(a[i].PadLeft(2, '0'), b[i], StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    private sealed class Context(Dhcp6Request request, Dhcp6Link link, Dhcp6ServerOptions options, Dhcp6LeaseTable leases, DateTimeOffset now,
        Dhcp6HostReservation? host, List<Dhcp6Pool> pools, HashSet<string> tags, Naming naming)
    {
        private readonly List<Dhcp6LeaseChange> _changes = [];
        // The domain the FQDN option carries: set once a named lease is bound (dnsmasq's send_domain).
        private string? _sendDomain;
        // Leases of other clients already stripped of the name this exchange takes.
        private readonly HashSet<IPAddress> _stripped = [];
        // Addresses given to earlier IAs of this same message.
        private readonly HashSet<UInt128> _givenNow = [];
        private Dhcp6Pool? _poolUsed;

        public Dhcp6Decision Solicit(string name)
        {
            var rapid = request.RapidCommit && options.RapidCommit;
            return Assign(name, rapid ? Dhcp6MessageType.Reply : Dhcp6MessageType.Advertise, commit: rapid);
        }

        public Dhcp6Decision Assign(string name, Dhcp6MessageType replyType, bool commit)
        {
            var ias = new List<Dhcp6ReplyIa>();
            var any = false;
            foreach (var ia in request.IaNa)
            {
                var chosen = Choose(ia);
                if (chosen is null)
                {
                    ias.Add(new Dhcp6ReplyIa(ia.Iaid, 0, 0, [], new Dhcp6Status(Dhcp6StatusCode.NoAddrsAvail, "no addresses available")));
                    continue;
                }
                any = true;
                var (address, pool) = chosen.Value;
                var (preferred, valid) = Lifetimes(pool, ia.Addresses.FirstOrDefault(a => Dhcp6Pool.ToValue(a.Address) == address));
                var ip = Dhcp6Pool.ToAddress(address);
                if (commit) Bind(ia.Iaid, ip, valid);
                ias.Add(new Dhcp6ReplyIa(ia.Iaid, T(preferred, valid, 0.5), T(preferred, valid, 0.875), [new Dhcp6ReplyAddress(ip, preferred, valid)], null));
            }
            var rapid = replyType == Dhcp6MessageType.Reply && request.Type == Dhcp6MessageType.Solicit;
            // RFC 8415 18.3.1 / 18.3.2: with nothing to assign, an ADVERTISE carries only a NoAddrsAvail status;
            // a REPLY keeps each IA with its own NoAddrsAvail.
            if (!any && request.IaNa.Count > 0 && replyType == Dhcp6MessageType.Advertise)
                return new Dhcp6Decision(Reply(replyType, [], new Dhcp6Status(Dhcp6StatusCode.NoAddrsAvail, "no addresses available"), includeOptions: false),
                    [], $"{name} no addresses available");
            var reply = Reply(replyType, ias, any || request.IaNa.Count == 0 ? new Dhcp6Status(Dhcp6StatusCode.Success, "success") : null,
                preference: replyType == Dhcp6MessageType.Advertise ? (byte)0 : null, rapid: rapid);
            var given = string.Join(' ', ias.SelectMany(i => i.Addresses).Select(a => a.Address));
            return new Dhcp6Decision(reply, _changes, $"{name} -> {(replyType == Dhcp6MessageType.Advertise ? "ADVERTISE" : "REPLY")} {given}{NameForLog(given)}".TrimEnd());
        }

        public Dhcp6Decision Extend(string name, bool rebind)
        {
            var ias = new List<Dhcp6ReplyIa>();
            foreach (var ia in request.IaNa)
            {
                var lease = leases.Find(request.ClientId, ia.Iaid);
                var addresses = new List<Dhcp6ReplyAddress>();
                Dhcp6Pool? leasePool = lease is null ? null : PoolFor(Dhcp6Pool.ToValue(lease.Address), stateful: false);
                if (lease is not null && leasePool is not null && !lease.IsExpiredAt(now))
                {
                    var (preferred, valid) = Lifetimes(leasePool, ia.Addresses.FirstOrDefault(a => a.Address.Equals(lease.Address)));
                    Bind(ia.Iaid, lease.Address, valid);
                    addresses.Add(new Dhcp6ReplyAddress(lease.Address, preferred, valid));
                    foreach (var other in ia.Addresses.Where(a => !a.Address.Equals(lease.Address)))
                        addresses.Add(new Dhcp6ReplyAddress(other.Address, 0, 0));
                    ias.Add(new Dhcp6ReplyIa(ia.Iaid, T(preferred, valid, 0.5), T(preferred, valid, 0.875), addresses, null));
                    continue;
                }
                // No binding. A REBIND for an address still right for this link and free is bound again (RFC 8415
                // 18.3.5 allows it; the lease may have been lost); addresses wrong for the link get zero lifetimes.
                var rebound = false;
                foreach (var a in ia.Addresses)
                {
                    var value = Dhcp6Pool.ToValue(a.Address);
                    var pool = PoolFor(value, stateful: true);
                    if (rebind && !rebound && pool is not null && pool.Contains(value) && !leases.IsTakenByOther(a.Address, request.ClientId, ia.Iaid, now))
                    {
                        var (preferred, valid) = Lifetimes(pool, a);
                        Bind(ia.Iaid, a.Address, valid);
                        addresses.Add(new Dhcp6ReplyAddress(a.Address, preferred, valid));
                        rebound = true;
                    }
                    else if (PoolFor(value, stateful: false) is null || rebind) addresses.Add(new Dhcp6ReplyAddress(a.Address, 0, 0));
                }
                if (rebound) ias.Add(new Dhcp6ReplyIa(ia.Iaid, T(addresses[0].PreferredLifetime, addresses[0].ValidLifetime, 0.5), T(addresses[0].PreferredLifetime, addresses[0].ValidLifetime, 0.875), addresses, null));
                else if (rebind && addresses.Count > 0) ias.Add(new Dhcp6ReplyIa(ia.Iaid, 0, 0, addresses, null));
                else ias.Add(new Dhcp6ReplyIa(ia.Iaid, 0, 0, [], new Dhcp6Status(Dhcp6StatusCode.NoBinding, "no binding found")));
            }
            var reply = Reply(Dhcp6MessageType.Reply, ias, new Dhcp6Status(Dhcp6StatusCode.Success, "success"));
            var kept = string.Join(' ', ias.SelectMany(i => i.Addresses).Where(a => a.ValidLifetime > 0).Select(a => a.Address));
            return new Dhcp6Decision(reply, _changes, $"{name} -> REPLY {kept}{NameForLog(kept)}".TrimEnd());
        }

        public Dhcp6Decision Release(string name, bool decline)
        {
            var ias = new List<Dhcp6ReplyIa>();
            foreach (var ia in request.IaNa)
            {
                var any = false;
                foreach (var a in ia.Addresses)
                {
                    var held = leases.ByAddress(a.Address);
                    if (held is not null && held.Iaid == ia.Iaid && held.ClientId.AsSpan().SequenceEqual(request.ClientId))
                    {
                        _changes.Add(new Dhcp6LeaseChange(decline ? Dhcp6LeaseChangeKind.Decline : Dhcp6LeaseChangeKind.Release, held));
                        any = true;
                    }
                    else if (decline && PoolFor(Dhcp6Pool.ToValue(a.Address), stateful: false) is not null)
                    {
                        // Declined though not ours to bind: still keep others off it for a while.
                        _changes.Add(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Decline, new Dhcp6Lease(request.ClientId, ia.Iaid, a.Address, now, null)));
                        any = true;
                    }
                }
                if (!any) ias.Add(new Dhcp6ReplyIa(ia.Iaid, 0, 0, [], new Dhcp6Status(Dhcp6StatusCode.NoBinding, "no binding found")));
            }
            var reply = Reply(Dhcp6MessageType.Reply, ias, new Dhcp6Status(Dhcp6StatusCode.Success, decline ? "decline received" : "release received"), includeOptions: false);
            return new Dhcp6Decision(reply, _changes, $"{name} -> REPLY");
        }

        public Dhcp6Decision Confirm(string name)
        {
            var addresses = request.IaNa.SelectMany(i => i.Addresses).ToList();
            // RFC 8415 18.3.3: nothing to confirm, no reply.
            if (addresses.Count == 0 || link.Pools.Count == 0) return new Dhcp6Decision(null, [], $"{name} ignored: no addresses to confirm");
            var onLink = addresses.All(a => PoolFor(Dhcp6Pool.ToValue(a.Address), stateful: false) is not null);
            var status = onLink ? new Dhcp6Status(Dhcp6StatusCode.Success, "all addresses still on link") : new Dhcp6Status(Dhcp6StatusCode.NotOnLink, "confirm failed");
            return new Dhcp6Decision(Reply(Dhcp6MessageType.Reply, [], status, includeOptions: false), [], $"{name} -> REPLY {status.Code}");
        }

        public Dhcp6Decision Information(string name)
        {
            // RFC 8415 16.12: an INFORMATION-REQUEST with an IA option is discarded.
            if (request.IaNa.Count > 0 || request.IaTaCount > 0) return new Dhcp6Decision(null, [], $"{name} ignored: carries an IA");
            // No address to take the domain from: a dhcp-host name's own domain part, else the default domain.
            _sendDomain = naming.Authoritative ? naming.HostDomain : options.Domain;
            return new Dhcp6Decision(Reply(Dhcp6MessageType.Reply, [], null), [], $"{name} -> REPLY");
        }

        // dnsmasq ends the line of an address given with the client's name.
        private string NameForLog(string addresses) => addresses.Length > 0 && naming.Name is { } n ? " " + n : "";

        private (UInt128 Address, Dhcp6Pool Pool)? Choose(Dhcp6IaNa ia)
        {
            bool Free(UInt128 a) => !_givenNow.Contains(a) && !leases.IsTakenByOther(Dhcp6Pool.ToAddress(a), request.ClientId, ia.Iaid, now)
                && !ReservedForOther(a) && !link.ServerAddresses.Any(s => Dhcp6Pool.ToValue(s) == a);
            (UInt128, Dhcp6Pool)? Take(UInt128 a, Dhcp6Pool p)
            {
                _givenNow.Add(a);
                _poolUsed ??= p;
                return (a, p);
            }

            // 1. A dhcp-host address for this client, on one of the link's pools' prefixes (static or not).
            if (host is not null)
                foreach (var fixedAddress in host.Addresses)
                    foreach (var pool in pools)
                    {
                        var v = Dhcp6Pool.ToValue(fixedAddress);
                        if ((v >> 64) == 0) v = (pool.Start & pool.PrefixMask) | v; // [::5]: host part only
                        if (pool.OnPrefix(v) && Free(v)) return Take(v, pool);
                    }
            // 2. The client's current binding for this IA.
            if (leases.Find(request.ClientId, ia.Iaid) is { } lease && !lease.IsExpiredAt(now))
            {
                var v = Dhcp6Pool.ToValue(lease.Address);
                if (PoolFor(v, stateful: true) is { } p && p.Contains(v) && !_givenNow.Contains(v)) return Take(v, p);
            }
            // 3. An address the client asks for, when it is in a range and free.
            foreach (var hint in ia.Addresses)
            {
                var v = Dhcp6Pool.ToValue(hint.Address);
                if (PoolFor(v, stateful: true) is { } p && p.Contains(v) && Free(v)) return Take(v, p);
            }
            // 4. A new one, dnsmasq's way.
            var probes = leases.Count + options.Hosts.Sum(h => h.Addresses.Count) + link.ServerAddresses.Count + _givenNow.Count + 2;
            foreach (var pool in pools.Where(p => p.IsStateful))
                if (Dhcp6AddressAllocator.Pick(pool, request.ClientId, ia.Iaid, Free, probes) is { } picked) return Take(picked, pool);
            return null;
        }

        private bool ReservedForOther(UInt128 address)
        {
            foreach (var h in options.Hosts)
            {
                if (ReferenceEquals(h, host)) continue;
                foreach (var a in h.Addresses)
                {
                    var v = Dhcp6Pool.ToValue(a);
                    if (v == address) return true;
                    if ((v >> 64) == 0 && (address & (UInt128)ulong.MaxValue) == v) return true;
                }
            }
            return false;
        }

        /// <summary>The pool whose prefix holds <paramref name="address"/> (for stateful use: one that also hands out addresses).</summary>
        private Dhcp6Pool? PoolFor(UInt128 address, bool stateful) =>
            pools.FirstOrDefault(p => p.OnPrefix(address) && (!stateful || p.IsStateful || host is not null));

        private (uint Preferred, uint Valid) Lifetimes(Dhcp6Pool pool, Dhcp6IaAddress? hint)
        {
            var lease = host?.LeaseTime ?? pool.LeaseTime;
            if (lease != Timeout.InfiniteTimeSpan && lease < TimeSpan.FromMinutes(2)) lease = TimeSpan.FromMinutes(2);
            uint valid = lease == Timeout.InfiniteTimeSpan ? Infinity : (uint)Math.Min(lease.TotalSeconds, Infinity - 1);
            uint preferred = valid;
            // dnsmasq takes the client's shorter lifetimes (observed: dhclient's 7200/7500 against a 12h range).
            if (hint is not null)
            {
                if (hint.ValidLifetime > 0 && hint.ValidLifetime < valid) valid = Math.Max(hint.ValidLifetime, 120u);
                if (hint.PreferredLifetime > 0 && hint.PreferredLifetime < preferred) preferred = hint.PreferredLifetime;
            }
            if (preferred > valid) preferred = valid;
            if (pool.Deprecated) preferred = 0;
            return (preferred, valid);
        }

        private static uint T(uint preferred, uint valid, double fraction)
        {
            var basis = preferred == 0 ? valid : preferred;
            return basis == Infinity ? Infinity : (uint)(basis * fraction);
        }

        private void Bind(uint iaid, IPAddress address, uint valid)
        {
            DateTimeOffset? expires = valid == Infinity ? null : now.AddSeconds(valid);
            var current = leases.Find(request.ClientId, iaid)?.HostName;
            var name = current;
            if (naming.Name is { } wanted)
            {
                _sendDomain ??= options.Domain;
                if (TakeName(wanted)) name = wanted;
            }
            _changes.Add(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, new Dhcp6Lease(request.ClientId, iaid, address, expires, name)));
        }

        /// <summary>
        /// dnsmasq's lease_set_hostname for IPv6: a name is one client's (its leases may share it). Another client's
        /// lease holding it loses it, unless that one's name comes from a dhcp-host line and this one's does not, in
        /// which case this lease keeps the name it had.
        /// </summary>
        private bool TakeName(string wanted)
        {
            var others = leases.WithName(wanted).Where(l => !l.ClientId.AsSpan().SequenceEqual(request.ClientId)).ToList();
            if (!naming.Authoritative && others.Any(IsConfiguredName)) return false;
            foreach (var other in others)
                if (_stripped.Add(other.Address))
                    _changes.Add(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, other with { HostName = null }));
            return true;
        }

        private bool IsConfiguredName(Dhcp6Lease lease) =>
            HostByClient(lease.ClientId, options)?.HostName is { } configured && lease.HostName is { } held
            && string.Equals(Dhcp6Fqdn.HostPart(configured), held, StringComparison.OrdinalIgnoreCase);

        private Dhcp6Reply Reply(Dhcp6MessageType type, List<Dhcp6ReplyIa> ias, Dhcp6Status? status, byte? preference = null, bool rapid = false, bool includeOptions = true) => new()
        {
            Type = type,
            TransactionId = request.TransactionId,
            ClientId = request.ClientId,
            ServerId = options.ServerDuid,
            IaNa = ias,
            Status = status,
            Preference = preference,
            RapidCommit = rapid,
            Options = includeOptions ? ConfiguredOptions() : [],
            Relays = request.Relays,
        };

        /// <summary>The configured options the client asked for (ORO) or that are forced; tagged lines win over untagged ones for a code.</summary>
        private List<(ushort, byte[])> ConfiguredOptions()
        {
            var result = new List<(ushort, byte[])>();
            var server = ServerAddress();
            var codes = options.Options.Select(o => o.Code).Distinct().ToList();
            foreach (var code in codes)
            {
                var candidates = options.Options.Where(o => o.Code == code && TagsMatch(o.Tags, tags)).ToList();
                var chosen = candidates.Where(o => o.Tags.Count > 0).OrderByDescending(o => o.Tags.Count).FirstOrDefault() ?? candidates.FirstOrDefault();
                if (chosen is null) continue;
                if (!chosen.Force && !request.RequestedOptions.Contains(code)) continue;
                var data = (byte[])chosen.Data.Clone();
                foreach (var slot in chosen.ServerAddressSlots) server.TryWriteBytes(data.AsSpan(slot, 16), out _);
                result.Add((code, data));
            }
            if (options.DnsEnabled && !codes.Contains(Dhcp6OptionCode.DnsServers) && request.RequestedOptions.Contains(Dhcp6OptionCode.DnsServers))
                result.Add((Dhcp6OptionCode.DnsServers, server.GetAddressBytes()));
            // Last, as dnsmasq: the name given, with the domain once a lease was bound under it (an ADVERTISE has none).
            if (naming.Name is { } hostName) result.Add((Dhcp6OptionCode.ClientFqdn, Dhcp6Fqdn.Encode(naming.Flags, hostName, _sendDomain)));
            return result;
        }

        /// <summary>This server's address for <c>[::]</c>: its global address on the prefix the client was served from, else its first on the link.</summary>
        private IPAddress ServerAddress()
        {
            var pool = _poolUsed ?? pools.FirstOrDefault();
            if (pool is not null)
                foreach (var a in link.ServerAddresses)
                    if (!a.IsIPv6LinkLocal && pool.OnPrefix(Dhcp6Pool.ToValue(a))) return a;
            return link.ServerAddresses.FirstOrDefault(a => !a.IsIPv6LinkLocal) ?? link.ServerAddresses.FirstOrDefault() ?? IPAddress.IPv6Loopback;
        }
    }
}
