using System.Collections.Concurrent;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>Asks the upstream servers for one record set (a DS or DNSKEY the validator needs); the raw reply, or null when none came.</summary>
public delegate Task<byte[]?> DnssecFetch(byte[] name, DnsType type, CancellationToken cancellationToken);

/// <summary>
/// Validates upstream replies as a validating forwarder does (RFC 4035 5): every answer RRset must be signed by a
/// zone whose DNSKEY is proven from a trust anchor down (DS in the parent, DNSKEY in the child); a negative answer
/// needs an NSEC or NSEC3 proof; an unsigned answer is insecure only once the zone it is in is proven unsigned
/// (dnssec-check-unsigned), else bogus. Proven keys and zone cuts are kept for their TTL, shared by all queries.
/// </summary>
public sealed class DnssecValidator
{
    private readonly DnssecSettings _settings;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Dictionary<string, List<DsRecord>> _anchors;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Task<ZoneKeys> Keys)> _keys = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Task<CutResult> Cut)> _cuts = new();

    /// <summary>A zone's keys once proven (Secure), or why not: Insecure (no DS, unknown algorithms), Bogus.</summary>
    private sealed record ZoneKeys(DnssecStatus Status, IReadOnlyList<Dnskey> Keys, uint Ttl);

    /// <summary>What the DS query for a name showed: a DS set (with its parent), or the kind of cut proven.</summary>
    private sealed record CutResult(DnssecStatus Status, ZoneCut Cut, byte[]? Signer, uint Ttl);

    public DnssecValidator(DnssecSettings settings, Func<DateTimeOffset>? clock = null, Action<string>? log = null)
    {
        _settings = settings;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _anchors = settings.TrustAnchors.GroupBy(a => Key(a.ToDs().Owner)).ToDictionary(g => g.Key, g => g.Select(a => a.ToDs()).ToList());
        if (settings.TimestampPath is { } path)
        {
            _timestamp = DnssecTimestamp.Open(path, out var error);
            if (error is not null) log?.Invoke(error);
        }
    }

    private readonly DnssecTimestamp? _timestamp;

    /// <summary>
    /// Whether signatures' validity windows are checked now: not with dnssec-no-timecheck, nor with dnssec-timestamp
    /// while the clock reads earlier than the file's time. The first check past it forgets the keys proven meanwhile.
    /// </summary>
    public bool ChecksTime(DateTimeOffset now)
    {
        if (_settings.NoTimeCheck) return false;
        if (_timestamp is null) return true;
        if (!_timestamp.IsClockGood(now, out bool becameGood)) return false;
        if (becameGood) Clear(); // proven without the time checked: prove again (dnsmasq purges its cache then)
        return true;
    }

    public DnssecSettings Settings => _settings;

    /// <summary>Forgets the proven keys and cuts (a reload, a cache clear).</summary>
    public void Clear()
    {
        _keys.Clear();
        _cuts.Clear();
    }

    /// <summary>Validates <paramref name="reply"/>, the upstream's answer to (<paramref name="name"/>, <paramref name="type"/>).</summary>
    public async Task<DnssecStatus> ValidateAsync(byte[] name, DnsType type, byte[] reply, DnssecFetch fetch, CancellationToken cancellationToken)
    {
        // server=/domain/ without a trust anchor for the domain: not validated at all, as dnsmasq 2.90 (no DS or DNSKEY asked).
        if (!_settings.Validates(name)) return DnssecStatus.Insecure;
        var message = DnssecMessage.Parse(reply);
        if (message is null) return DnssecStatus.Bogus;
        if (message.Rcode is not (DnsRcode.NoError or DnsRcode.NxDomain)) return DnssecStatus.Insecure; // nothing to prove in a failure
        var run = new Run(this, fetch, cancellationToken);
        try
        {
            return await run.ValidateAsync(message, CanonicalName.Lower(name), type).ConfigureAwait(false);
        }
        catch (BudgetExhaustedException)
        {
            // dnssec-limits: too much work for one reply. The keys proven on the way stay proven, as in dnsmasq 2.90 (observed:
            // a later answer that needs only the rest of the chain can pass the same limit).
            return DnssecStatus.Bogus;
        }
    }

    private static string Key(ReadOnlySpan<byte> name) => Convert.ToHexString(CanonicalName.Lower(name));

    private sealed class BudgetExhaustedException : Exception;

    /// <summary>One reply's validation: its fetches, signature checks and DS digests count against dnssec-limits.</summary>
    private sealed class Run(DnssecValidator owner, DnssecFetch fetch, CancellationToken cancellationToken)
    {
        private int _subQueries;
        private int _work;

        private DateTimeOffset Now => owner._clock();
        private bool CheckTime => owner.ChecksTime(Now);
        private DnssecLimits Limits => owner._settings.Limits;

        /// <summary>One signature check, counted as work (dnssec-limits' second value).</summary>
        private bool Verify(Rrsig sig, Dnskey key, IReadOnlyList<DnssecRecord> rrset)
        {
            AddWork(1);
            return RrsetVerifier.Verify(sig, key, rrset, Now, CheckTime);
        }

        /// <summary>
        /// Signature checks and DS digests; reaching the limit fails the answer. dnsmasq 2.90's thresholds, observed on the
        /// test hierarchy: an unsigned delegation below the root and a TLD takes 6 and passes at 7, a signed name a level
        /// lower 9 and passes at 10, an NSEC3 NXDOMAIN there passes at 12 (so NSEC3 hashes, bounded by the iterations
        /// limit, are not counted).
        /// </summary>
        private void AddWork(int amount)
        {
            if (amount > 0 && Interlocked.Add(ref _work, amount) >= Limits.WorkPerQuery) throw new BudgetExhaustedException();
        }

        /// <summary>A failed signature check of one RRset: more than dnssec-limits' first value and the answer is bogus.</summary>
        private void Failed(ref int fails)
        {
            if (++fails > Limits.FailsPerRrset) throw new BudgetExhaustedException();
        }


        public async Task<DnssecStatus> ValidateAsync(DnssecMessage message, byte[] qname, DnsType qtype)
        {
            var status = DnssecStatus.Secure;
            // Follow the answer's CNAME chain from the question to the name whose type was asked (or whose absence is proven).
            var target = qname;
            var answers = message.In(DnsSection.Answer).Where(r => r.Type != DnsType.RRSIG).ToList();
            foreach (var group in answers.GroupBy(r => (Key(r.Owner), r.Type)))
            {
                var rrset = group.ToList();
                var result = await VerifyRrsetAsync(message, DnsSection.Answer, rrset).ConfigureAwait(false);
                status = Worse(status, result);
                if (status == DnssecStatus.Bogus) return status;
            }
            for (int hops = 0; hops < 16; hops++)
            {
                var cname = answers.FirstOrDefault(r => r.Type == DnsType.CNAME && DnsName.EqualsIgnoreCase(r.Owner, target));
                if (cname is null || qtype == DnsType.CNAME) break;
                target = cname.Data;
            }
            bool answered = answers.Any(r => DnsName.EqualsIgnoreCase(r.Owner, target) && (r.Type == qtype || qtype == DnsType.ANY));
            if (!answered) status = Worse(status, await ProveDenialAsync(message, target, qtype, message.Rcode == DnsRcode.NxDomain).ConfigureAwait(false));
            return status;
        }

        private static DnssecStatus Worse(DnssecStatus a, DnssecStatus b) => (DnssecStatus)Math.Max((int)a, (int)b) switch
        {
            // Bogus (2) outranks Indeterminate (3) in what the client sees: both fail; keep Bogus when either is.
            DnssecStatus.Indeterminate when a == DnssecStatus.Bogus || b == DnssecStatus.Bogus => DnssecStatus.Bogus,
            var s => s,
        };

        /// <summary>One RRset: signed by a proven key (Secure), in an unsigned zone (Insecure), or Bogus.</summary>
        private async Task<DnssecStatus> VerifyRrsetAsync(DnssecMessage message, DnsSection section, List<DnssecRecord> rrset)
        {
            var owner = rrset[0].Owner;
            var sigs = message.SignaturesOver(section, owner, rrset[0].Type);
            if (sigs.Count == 0) return await UnsignedAsync(owner).ConfigureAwait(false);
            var status = DnssecStatus.Bogus;
            foreach (var signer in sigs.Select(s => s.SignerName).DistinctBy(n => Key(n)))
            {
                if (!CanonicalName.IsAtOrBelow(owner, signer)) continue;
                // A DS is signed by the parent: its own zone signing it would have the zone prove itself (and wait on itself).
                if (rrset[0].Type == DnsType.DS && DnsName.EqualsIgnoreCase(owner, signer)) continue;
                var keys = await KeysAsync(signer).ConfigureAwait(false);
                if (keys.Status == DnssecStatus.Insecure) { status = DnssecStatus.Insecure; continue; }
                if (keys.Status != DnssecStatus.Secure) { if (status == DnssecStatus.Bogus) status = keys.Status; continue; }
                int fails = 0;
                foreach (var sig in sigs.Where(s => DnsName.EqualsIgnoreCase(s.SignerName, signer)))
                {
                    foreach (var key in keys.Keys.Where(k => k.KeyTag == sig.KeyTag && k.Algorithm == sig.Algorithm))
                    {
                        if (!Verify(sig, key, rrset)) { Failed(ref fails); continue; }
                        // A wildcard expansion is only right if the name itself does not exist (RFC 4035 5.3.4).
                        if (sig.Labels < DnsName.LabelCount(owner) && !WildcardProven(message, owner, sig.Labels, keys)) return DnssecStatus.Bogus;
                        return DnssecStatus.Secure;
                    }
                }
            }
            return status;
        }

        private bool WildcardProven(DnssecMessage message, byte[] owner, int labels, ZoneKeys keys)
        {
            var nextCloser = CanonicalName.Suffix(owner, labels + 1);
            var nsecs = VerifiedDenials(message, keys).Nsecs;
            if (NsecProof.DeniesName(nsecs, owner)) return true;
            var nsec3s = VerifiedDenials(message, keys).Nsec3s;
            return Nsec3Proof.DeniesNextCloser(nsec3s, owner, labels, Limits.Nsec3Iterations) || NsecProof.DeniesName(nsecs, nextCloser);
        }

        /// <summary>The authority section's NSEC and NSEC3 records whose signatures verify with <paramref name="keys"/>.</summary>
        private (List<NsecRecord> Nsecs, List<Nsec3Record> Nsec3s) VerifiedDenials(DnssecMessage message, ZoneKeys keys)
        {
            var nsecs = new List<NsecRecord>();
            var nsec3s = new List<Nsec3Record>();
            foreach (var group in message.In(DnsSection.Authority).Where(r => r.Type is DnsType.NSEC or DnsType.NSEC3).GroupBy(r => (Key(r.Owner), r.Type)))
            {
                var rrset = group.ToList();
                var sigs = message.SignaturesOver(DnsSection.Authority, rrset[0].Owner, rrset[0].Type);
                bool verified = false;
                int fails = 0;
                foreach (var sig in sigs)
                {
                    foreach (var k in keys.Keys.Where(k => k.KeyTag == sig.KeyTag && k.Algorithm == sig.Algorithm))
                    {
                        if (Verify(sig, k, rrset)) { verified = true; break; }
                        Failed(ref fails);
                    }
                    if (verified) break;
                }
                if (!verified) continue;
                foreach (var r in rrset)
                {
                    if (NsecRecord.Parse(r) is { } n) nsecs.Add(n);
                    if (Nsec3Record.Parse(r) is { } n3) nsec3s.Add(n3);
                }
            }
            return (nsecs, nsec3s);
        }

        /// <summary>A negative answer (or a CNAME chain ending in one): the authority section must prove it.</summary>
        private async Task<DnssecStatus> ProveDenialAsync(DnssecMessage message, byte[] name, DnsType type, bool nxDomain)
        {
            var signers = message.In(DnsSection.Authority).Where(r => r.Type == DnsType.RRSIG).Select(Rrsig.Parse).OfType<Rrsig>()
                .Where(s => CanonicalName.IsAtOrBelow(name, s.SignerName)).Select(s => s.SignerName).DistinctBy(n => Key(n)).ToList();
            if (signers.Count == 0) return await UnsignedAsync(name).ConfigureAwait(false);
            var status = DnssecStatus.Bogus;
            foreach (var signer in signers)
            {
                var keys = await KeysAsync(signer).ConfigureAwait(false);
                if (keys.Status == DnssecStatus.Insecure) return DnssecStatus.Insecure;
                if (keys.Status != DnssecStatus.Secure) continue;
                var (nsecs, nsec3s) = VerifiedDenials(message, keys);
                var denial = nsecs.Count > 0 ? NsecProof.Deny(nsecs, name, type, nxDomain) : Nsec3Proof.Deny(nsec3s, name, type, nxDomain, Limits.Nsec3Iterations);
                if (denial is Denial.NxDomain or Denial.NoData) return DnssecStatus.Secure;
                if (denial == Denial.OptOut) return DnssecStatus.Insecure;
            }
            return status;
        }

        /// <summary>
        /// An unsigned RRset or negative answer: insecure when not checking (dnssec-check-unsigned=no) or when the
        /// name is proven to lie in an unsigned zone; bogus when it lies in a signed one.
        /// </summary>
        private async Task<DnssecStatus> UnsignedAsync(byte[] name)
        {
            if (!owner._settings.CheckUnsigned) return DnssecStatus.Insecure;
            // The deepest trust anchor above the name; none: nothing to prove it against.
            int labels = DnsName.LabelCount(name);
            int anchorLabels = -1;
            for (int n = labels; n >= 0; n--)
                if (owner._anchors.ContainsKey(Key(CanonicalName.Suffix(name, n)))) { anchorLabels = n; break; }
            if (anchorLabels < 0) return DnssecStatus.Insecure;
            for (int n = anchorLabels + 1; n <= labels; n++)
            {
                var cut = await CutAsync(CanonicalName.Suffix(name, n)).ConfigureAwait(false);
                if (cut.Status != DnssecStatus.Secure) return cut.Status; // Insecure: an unsigned delegation above the name
            }
            return DnssecStatus.Bogus; // every zone down to the name is signed: its data must be too
        }

        /// <summary>Is <paramref name="name"/> a signed cut, an unsigned cut or no cut? Secure means "signed, or no cut: go on down".</summary>
        private Task<CutResult> CutAsync(byte[] name) =>
            Cached(owner._cuts, name, () => ComputeCutAsync(name), r => r.Ttl);

        private async Task<CutResult> ComputeCutAsync(byte[] name)
        {
            var reply = await FetchAsync(name, DnsType.DS).ConfigureAwait(false);
            if (reply is null) return new CutResult(DnssecStatus.Indeterminate, ZoneCut.Unproven, null, 0);
            var ds = reply.RrSet(DnsSection.Answer, name, DnsType.DS);
            if (ds.Count > 0)
            {
                var keys = await KeysAsync(name).ConfigureAwait(false);
                return new CutResult(keys.Status, ZoneCut.None, name, keys.Ttl);
            }
            // No DS: the parent's signed NSEC or NSEC3 must say whether this is an unsigned delegation.
            var signers = reply.In(DnsSection.Authority).Where(r => r.Type == DnsType.RRSIG).Select(Rrsig.Parse).OfType<Rrsig>()
                .Where(s => CanonicalName.IsAtOrBelow(name, s.SignerName) && !DnsName.EqualsIgnoreCase(name, s.SignerName)).Select(s => s.SignerName).DistinctBy(n => Key(n)).ToList();
            foreach (var signer in signers)
            {
                var keys = await KeysAsync(signer).ConfigureAwait(false);
                if (keys.Status != DnssecStatus.Secure) return new CutResult(keys.Status, ZoneCut.Unproven, signer, keys.Ttl);
                var (nsecs, nsec3s) = VerifiedDenials(reply, keys);
                var cut = nsecs.Count > 0 ? NsecProof.Classify(nsecs, name) : Nsec3Proof.Classify(nsec3s, name, Limits.Nsec3Iterations);
                uint ttl = MinTtl(reply);
                if (cut == ZoneCut.Unsigned) return new CutResult(DnssecStatus.Insecure, cut, signer, ttl);
                if (cut == ZoneCut.None) return new CutResult(DnssecStatus.Secure, cut, signer, ttl);
            }
            return new CutResult(DnssecStatus.Bogus, ZoneCut.Unproven, null, 0);
        }

        /// <summary>The proven DNSKEYs of <paramref name="zone"/>, from a trust anchor or from a DS proven in the parent.</summary>
        private Task<ZoneKeys> KeysAsync(byte[] zone) => Cached(owner._keys, zone, () => ComputeKeysAsync(zone), k => k.Ttl);

        private async Task<ZoneKeys> ComputeKeysAsync(byte[] zone)
        {
            List<DsRecord> ds;
            uint ttl;
            if (owner._anchors.TryGetValue(Key(zone), out var anchors))
            {
                ds = anchors;
                ttl = 3600;
            }
            else
            {
                if (zone.Length <= 1) return new ZoneKeys(DnssecStatus.Insecure, [], 300); // the root without an anchor
                var reply = await FetchAsync(zone, DnsType.DS).ConfigureAwait(false);
                if (reply is null) return new ZoneKeys(DnssecStatus.Indeterminate, [], 0);
                var dsSet = reply.RrSet(DnsSection.Answer, zone, DnsType.DS);
                if (dsSet.Count == 0)
                {
                    // No DS: insecure if the parent proves the delegation unsigned, else bogus.
                    var cut = await CutAsync(zone).ConfigureAwait(false);
                    return new ZoneKeys(cut.Status == DnssecStatus.Secure ? DnssecStatus.Bogus : cut.Status, [], cut.Ttl);
                }
                var verified = await VerifyRrsetAsync(reply, DnsSection.Answer, dsSet).ConfigureAwait(false);
                if (verified != DnssecStatus.Secure) return new ZoneKeys(verified, [], 60);
                ds = dsSet.Select(DsRecord.Parse).OfType<DsRecord>().ToList();
                ttl = dsSet.Min(r => r.Ttl);
            }
            // Only DS records we can check count; none of them usable: the zone is as good as unsigned (RFC 4035 5.2).
            var usable = ds.Where(d => DsRecord.IsSupportedDigest(d.DigestType) && SignatureAlgorithms.IsSupported(d.Algorithm)).ToList();
            if (usable.Count == 0) return new ZoneKeys(DnssecStatus.Insecure, [], ttl);

            var keyReply = await FetchAsync(zone, DnsType.DNSKEY).ConfigureAwait(false);
            if (keyReply is null) return new ZoneKeys(DnssecStatus.Indeterminate, [], 0);
            var keySet = keyReply.RrSet(DnsSection.Answer, zone, DnsType.DNSKEY);
            var keys = keySet.Select(Dnskey.Parse).OfType<Dnskey>().ToList();
            var sigs = keyReply.SignaturesOver(DnsSection.Answer, zone, DnsType.DNSKEY);
            // A key the DS names must sign the whole DNSKEY set (RFC 4035 5.2).
            int fails = 0;
            // Each DS against each key of its tag and algorithm is one digest computed.
            AddWork(usable.Sum(d => keys.Count(k => k.KeyTag == d.KeyTag && k.Algorithm == d.Algorithm)));
            foreach (var key in keys.Where(k => usable.Any(d => d.Matches(k))))
                foreach (var sig in sigs.Where(s => s.KeyTag == key.KeyTag && s.Algorithm == key.Algorithm))
                {
                    if (Verify(sig, key, keySet)) return new ZoneKeys(DnssecStatus.Secure, keys, Math.Min(ttl, keySet.Min(r => r.Ttl)));
                    Failed(ref fails);
                }
            return new ZoneKeys(DnssecStatus.Bogus, [], 60);
        }

        private async Task<DnssecMessage?> FetchAsync(byte[] name, DnsType type)
        {
            if (Interlocked.Increment(ref _subQueries) > Limits.SubQueries) throw new BudgetExhaustedException();
            var bytes = await fetch(name, type, cancellationToken).ConfigureAwait(false);
            return bytes is null ? null : DnssecMessage.Parse(bytes);
        }

        private static uint MinTtl(DnssecMessage m) => m.Records.Count == 0 ? 60 : m.Records.Min(r => r.Ttl);

        /// <summary>One computation per name at a time, kept for its TTL (failures for a few seconds, so a retry can succeed).</summary>
        private Task<T> Cached<T>(ConcurrentDictionary<string, (DateTimeOffset Until, Task<T> Value)> cache, byte[] name, Func<Task<T>> compute, Func<T, uint> ttl)
        {
            var key = Key(name);
            var now = Now;
            if (cache.TryGetValue(key, out var hit) && hit.Until > now && !hit.Value.IsFaulted && !hit.Value.IsCanceled) return hit.Value;
            var task = compute();
            cache[key] = (now.AddSeconds(5), task);
            _ = task.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) cache[key] = (now.AddSeconds(Math.Clamp(ttl(t.Result), 0, 86400)), t);
                else cache.TryRemove(key, out _);
            }, TaskScheduler.Default);
            return task;
        }
    }
}
