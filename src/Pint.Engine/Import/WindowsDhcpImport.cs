using Pint.Engine.Dns;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Management;
using Pint.Engine.Net;

namespace Pint.Engine.Import;

/// <summary>
/// Maps a Windows DHCP export onto dnsmasq lines: a <c>dhcp-range</c> per scope (tagged <c>scope-&lt;scope id&gt;</c>,
/// split around exclusion ranges), a <c>dhcp-host</c> per reservation, <c>dhcp-option</c> lines for server options
/// (untagged), scope options (<c>tag:scope-…</c>) and reservation options (<c>tag:res-&lt;address&gt;</c>, set by the
/// reservation), and the active leases. IPv6 scopes become IPv6 <c>dhcp-range</c> lines over the /64 prefix less its
/// exclusions (tagged <c>scope-&lt;prefix&gt;</c>), DUID reservations <c>dhcp-host=id:DUID,[address]</c> lines, and
/// IPv6 options <c>dhcp-option=option6:</c> lines. What dnsmasq cannot express is a warning per item in the plan.
/// </summary>
public static partial class WindowsDhcpImport
{
    /// <summary>The tag a scope's ranges set and its options require.</summary>
    public static string ScopeTag(IPAddress scopeId) => "scope-" + scopeId;

    /// <summary>The tag a reservation with its own options sets.</summary>
    public static string ReservationTag(IPAddress address) => "res-" + address;

    /// <summary>Plans the import of <paramref name="export"/> into <paramref name="config"/> (the config as it is now).</summary>
    public static ImportPlan Plan(WindowsDhcpExport export, PintConfig config)
    {
        var plan = new ImportPlan();
        var run = new Mapping(export, config, plan);
        run.Map();
        return plan;
    }

    private sealed class Mapping(WindowsDhcpExport export, PintConfig config, ImportPlan plan)
    {
        private readonly List<(IPAddress Start, IPAddress End)> _ranges = config.Dhcp.Ranges.Select(r => (r.Start, r.End)).ToList();
        private readonly List<(UInt128 Start, UInt128 End, DhcpRange6 Range)> _ranges6 = config.Dhcp.Ranges6.Where(r => r.ConstructorInterface is null)
            .Select(r => (V6(r.Start), r.End is { } e ? V6(e) : V6(r.Start) | HostMask(r.PrefixLength), r)).ToList();

        public void Map()
        {
            var root = new ConfigSource(export.File, 1);
            if (!((export.MajorVersion, export.MinorVersion) is (6, 3) or (10, 0)))
                plan.Warn(root, "DHCPServer", $"export version {export.MajorVersion}.{export.MinorVersion} is neither 6.3 (Server 2012 R2) nor 10.0 (Server 2016+); read as 10.0, check the result");
            foreach (var p in export.ServerPolicies)
                plan.Warn(p.Source, "Policy", $"server policy '{p.Name}' not imported: dnsmasq has no DHCP policies (tags with dhcp-match/tag-if can express some by hand)");
            Filters();
            foreach (var option in export.ServerOptions) Option(option, [], "server");
            foreach (var scope in export.Scopes) Scope(scope);
            foreach (var option in export.IPv6ServerOptions) Option6(option, [], "server IPv6");
            foreach (var scope in export.IPv6Scopes) Scope6(scope);
        }

        private void Filters()
        {
            if (export.Filters is not { } filters) return;
            foreach (var f in filters.Entries)
            {
                var deny = string.Equals(f.List, "Deny", StringComparison.OrdinalIgnoreCase);
                if (!MacAddressText.TryNormalize(f.MacAddress, out var mac) || mac.Length != 17)
                    plan.Warn(f.Source, "Filter", $"{f.List} filter '{f.MacAddress}' not imported: not a MAC address Pint can match (wildcard filters are not supported)");
                else if (deny && filters.DenyEnabled)
                    plan.Add("dhcp-host", DnsmasqValue.Of(mac, "ignore"), f.Source);
                else if (deny)
                    plan.Note(f.Source, "Filter", $"deny filter {mac} not imported: the deny list is disabled in the export");
                else if (filters.AllowEnabled)
                    plan.Warn(f.Source, "Filter", $"allow filter {mac} not imported: dnsmasq cannot refuse every client except a list (a static range with dhcp-host lines comes closest)");
                else
                    plan.Note(f.Source, "Filter", $"allow filter {mac} not imported: the allow list is disabled in the export");
            }
        }

        private void Scope(WindowsDhcpScope scope)
        {
            var id = scope.ScopeId.ToString();
            var subject = $"Scope {id}";
            if (!scope.Active)
            {
                plan.Warn(scope.Source, subject, $"inactive scope '{scope.Name}' not imported, with its {scope.Reservations.Count} reservations, {scope.Options.Count} options and {scope.Leases.Count} leases (dnsmasq has no disabled range; activate it in Windows or add it by hand)");
                return;
            }
            if (!DhcpRangeCatalog.Network(scope.StartRange, scope.SubnetMask).Equals(scope.ScopeId) || !DhcpRangeCatalog.Network(scope.EndRange, scope.SubnetMask).Equals(scope.ScopeId))
            {
                plan.Warn(scope.Source, subject, $"range {scope.StartRange}-{scope.EndRange} is not inside {id}/{scope.SubnetMask}; scope not imported");
                return;
            }
            if (!string.Equals(scope.Type, "Dhcp", StringComparison.OrdinalIgnoreCase))
                plan.Warn(scope.Source, subject, $"scope type {scope.Type}: imported for DHCP clients only; dynamic BOOTP needs bootp-dynamic=tag:{ScopeTag(scope.ScopeId)} by hand");
            if (scope.SuperScopeName is { } super)
                plan.Warn(scope.Source, subject, $"member of superscope '{super}': imported as its own range; dnsmasq serves it on an interface with an address in {id} (or with shared-network=)");
            if (scope.Delay > 0)
                plan.Warn(scope.Source, subject, $"offer delay of {scope.Delay} ms not imported (dnsmasq: dhcp-reply-delay=tag:{ScopeTag(scope.ScopeId)},<seconds>)");
            foreach (var p in scope.Policies)
                plan.Warn(p.Source, subject, $"policy '{p.Name}' not imported: dnsmasq has no DHCP policies");
            if (scope.Name.Length > 0)
                plan.Note(scope.Source, subject, $"scope name '{scope.Name}' is not kept: dnsmasq ranges carry only the tag {ScopeTag(scope.ScopeId)}");

            var tag = ScopeTag(scope.ScopeId);
            var lease = scope.LeaseDuration.TotalSeconds >= uint.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(Math.Ceiling(scope.LeaseDuration.TotalSeconds));
            var pieces = Pieces(scope);
            if (pieces.Count == 0)
            {
                // Everything excluded: Windows still serves the reservations; a static range does the same.
                Range(scope, new DhcpRange(scope.ScopeId, scope.ScopeId, scope.SubnetMask, null, lease, true, tag, [], scope.Source));
            }
            foreach (var (start, end) in pieces)
                Range(scope, new DhcpRange(start, end, scope.SubnetMask, null, lease, false, tag, [], scope.Source));

            // Reservation options before scope options: a client with both tags gets the first tagged match.
            var reservationOptions = new List<(WindowsDhcpOptionValue, string)>();
            foreach (var r in scope.Reservations) Reservation(scope, r, reservationOptions);
            foreach (var (option, resTag) in reservationOptions) Option(option, [resTag], $"reservation {resTag[4..]}");
            foreach (var option in scope.Options) Option(option, [tag], $"scope {id}");
            foreach (var l in scope.Leases) Lease(scope, l);
        }

        private void Range(WindowsDhcpScope scope, DhcpRange range)
        {
            var end = range.IsStatic ? DhcpRangeCatalog.Network(range.Start, scope.SubnetMask) : range.End;
            // The very same range (an import run again) is no clash: the writer leaves out lines already present.
            var clash = _ranges.FirstOrDefault(r => DhcpRangeCatalog.Compare(range.Start, r.End) <= 0 && DhcpRangeCatalog.Compare(r.Start, end) <= 0
                && !(r.Start.Equals(range.Start) && r.End.Equals(range.End)));
            if (clash.Start is not null)
            {
                plan.Warn(scope.Source, $"Scope {scope.ScopeId}", $"range {range.Start}-{range.End} not imported: it overlaps the config's range {clash.Start}-{clash.End}");
                return;
            }
            _ranges.Add((range.Start, end));
            plan.Add("dhcp-range", DnsmasqValue.DhcpRange(range), scope.Source);
        }

        /// <summary>The scope's address range minus its exclusion ranges, in order.</summary>
        private static List<(IPAddress Start, IPAddress End)> Pieces(WindowsDhcpScope scope)
        {
            var pieces = new List<(uint, uint)> { (Ipv4.ToValue(scope.StartRange), Ipv4.ToValue(scope.EndRange)) };
            foreach (var (exStart, exEnd) in scope.Exclusions)
            {
                var (a, b) = (Ipv4.ToValue(exStart), Ipv4.ToValue(exEnd));
                pieces = pieces.SelectMany(p =>
                {
                    if (b < p.Item1 || a > p.Item2) return new[] { p };
                    var left = a > p.Item1 ? new[] { (p.Item1, a - 1) } : [];
                    var right = b < p.Item2 ? new[] { (b + 1, p.Item2) } : [];
                    return left.Concat(right).ToArray();
                }).ToList();
            }
            return pieces.Select(p => (Ipv4.ToAddress(p.Item1), Ipv4.ToAddress(p.Item2))).ToList();
        }

        private void Reservation(WindowsDhcpScope scope, WindowsDhcpReservation r, List<(WindowsDhcpOptionValue, string)> options)
        {
            var subject = $"Reservation {r.IPAddress}";
            if (!DhcpRangeCatalog.Network(r.IPAddress, scope.SubnetMask).Equals(scope.ScopeId))
            {
                plan.Warn(r.Source, subject, $"address is not in scope {scope.ScopeId}/{scope.SubnetMask}; not imported");
                return;
            }
            if (!TryClient(r.ClientId, out var mac, out var clientId))
            {
                plan.Warn(r.Source, subject, $"ClientId '{r.ClientId}' is neither a MAC address nor a hex client identifier; not imported");
                return;
            }
            var existing = config.Dhcp.Hosts.FirstOrDefault(h => r.IPAddress.Equals(h.Address) || (mac is not null && h.HardwareAddresses.Any(m => MacAddressText.SameAddress(m, mac))));
            string? name = r.Name.Length == 0 ? null : r.Name;
            if (name is not null && !IsDhcpHostName(name))
            {
                plan.Warn(r.Source, subject, $"name '{name}' is not a host name dnsmasq accepts (letters, digits, '-', dots); reservation imported without a name");
                name = null;
            }
            var setTags = r.Options.Count > 0 ? new[] { ReservationTag(r.IPAddress) } : [];
            var line = DnsmasqValue.DhcpHost(new DhcpHost(mac is null ? [] : [mac], clientId, r.IPAddress, name, null, false, setTags, [], r.Source));
            if (existing is not null && DnsmasqValue.DhcpHost(existing) != line)
            {
                plan.Warn(r.Source, subject, $"not imported: the config already reserves {(r.IPAddress.Equals(existing.Address) ? "this address" : "this MAC")} at {existing.Source}");
                return;
            }
            plan.Add("dhcp-host", line, r.Source);
            if (r.Description is not null)
                plan.Note(r.Source, subject, $"description '{r.Description}' is not kept: dhcp-host lines have no description field");
            options.AddRange(r.Options.Select(o => (o, ReservationTag(r.IPAddress))));
        }

        private void Option(WindowsDhcpOptionValue o, IReadOnlyList<string> tags, string level)
        {
            var subject = $"Option {o.OptionId}";
            if (o.OptionId is 1 or 51 && o.VendorClass is null && o.UserClass is null)
            {
                plan.Note(o.Source, subject, $"{level} option {o.OptionId} not imported as an option: the dhcp-range line carries the {(o.OptionId == 1 ? "netmask" : "lease time")}");
                return;
            }
            if (o.UserClass is not null)
            {
                plan.Warn(o.Source, subject, $"{level} option {o.OptionId} for user class '{o.UserClass}' not imported: map the class with dhcp-userclass=set:<tag>,... by hand");
                return;
            }
            string? vendor = null;
            if (o.VendorClass is not null && !TryVendorText(o.VendorClass, out vendor))
            {
                plan.Warn(o.Source, subject, $"{level} option {o.OptionId} for vendor class '{o.VendorClass}' not imported: the class is not in the export or its data is not plain text dnsmasq can match");
                return;
            }
            var definition = export.OptionDefinitions.FirstOrDefault(d => d.OptionId == o.OptionId && string.Equals(d.VendorClass, o.VendorClass, StringComparison.OrdinalIgnoreCase));
            var name = vendor is null ? DhcpOptionNames.NameOf(o.OptionId) : null;
            var value = "";
            var reason = "it is not a DHCPv4 option number dnsmasq can send";
            if (o.OptionId is < 1 or > 254 || !WindowsDhcpOptionFormatter.TryFormat(o.OptionId, definition?.Type, name is not null, o.Values, out value, out reason))
            {
                plan.Warn(o.Source, subject, $"{level} option {o.OptionId}{(definition is null ? "" : $" ({definition.Name})")} not imported: {reason}");
                return;
            }
            var fields = tags.Select(t => "tag:" + t).ToList();
            if (vendor is not null) fields.Add("vendor:" + vendor);
            fields.Add(name is null ? o.OptionId.ToString(CultureInfo.InvariantCulture) : "option:" + name);
            fields.Add(value);
            plan.Add("dhcp-option", new DnsmasqValue().AddWritten(fields), o.Source);
        }

        private void Lease(WindowsDhcpScope scope, WindowsDhcpLease l)
        {
            var subject = $"Lease {l.IPAddress}";
            if (l.AddressState is not ("Active" or "ActiveReservation"))
            {
                plan.Note(l.Source, subject, $"lease in state {l.AddressState} not imported (only active leases carry over)");
                return;
            }
            if (!TryClient(l.ClientId, out var mac, out var clientId) || (mac is null && !TryMacFromClientId(clientId!, out mac)))
            {
                plan.Warn(l.Source, subject, $"ClientId '{l.ClientId}' holds no MAC address, which a dnsmasq lease needs; lease not imported");
                return;
            }
            var host = l.HostName;
            if (host is not null && !IsDhcpHostName(host))
            {
                plan.Note(l.Source, subject, $"host name '{host}' is not a DNS name; lease imported without it");
                host = null;
            }
            plan.AddLease(new DhcpLease(l.IPAddress, mac!, host, clientId?.Replace("-", ":"), l.LeaseExpiryTime));
        }

        /// <summary>
        /// An IPv6 scope: Windows hands out any interface identifier of its /64 prefix that no exclusion covers, so the
        /// ranges are the prefix's ::1 to ::ffff:ffff:ffff:ffff less the exclusions (a static range when nothing is left).
        /// The lease time is the valid lifetime; dnsmasq uses it as the preferred lifetime too and derives T1/T2 from it.
        /// </summary>
        private void Scope6(WindowsDhcpScope6 scope)
        {
            var subject = $"IPv6 Scope {scope.Prefix}";
            if (!scope.Active)
            {
                plan.Warn(scope.Source, subject, $"inactive IPv6 scope {scope.Prefix} '{scope.Name}' not imported, with its {scope.Reservations.Count} reservations and {scope.Options.Count} options (dnsmasq has no disabled range; activate it in Windows or add it by hand)");
                return;
            }
            var network = V6(scope.Prefix) & ~HostMask(64);
            if (network != V6(scope.Prefix))
                plan.Warn(scope.Source, subject, $"prefix {scope.Prefix} has bits set after the first 64; imported as {ToV6(network)}/64");
            var prefix = ToV6(network);
            var tag = ScopeTag(prefix);
            if (scope.Preference != 0)
                plan.Warn(scope.Source, subject, $"preference {scope.Preference} not imported: dnsmasq sends no Preference option (clients pick among servers without it)");
            if (scope.Name.Length > 0)
                plan.Note(scope.Source, subject, $"scope name '{scope.Name}' is not kept: dnsmasq ranges carry only the tag {tag}");
            var valid = scope.ValidLifetime ?? TimeSpan.FromDays(12); // Windows' default valid lifetime
            var lease = valid.TotalSeconds >= uint.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(Math.Ceiling(valid.TotalSeconds));
            if (scope.PreferredLifetime is { } preferred && preferred != valid)
                plan.Note(scope.Source, subject, $"preferred lifetime {preferred} not kept: the lease time {DnsmasqValue.LeaseTime(lease)} (the valid lifetime) is both preferred and valid lifetime in dnsmasq");
            if (scope.T1 is not null || scope.T2 is not null)
                plan.Note(scope.Source, subject, "T1/T2 not kept: dnsmasq derives the renewal and rebinding times from the lease time");

            var pieces = Pieces6(scope, network, subject);
            if (pieces.Count == 0)
                Range6(scope, new DhcpRange6(prefix, null, 64, lease, false, true, DhcpRange6Modes.None, null, tag, [], scope.Source), network | HostMask(64));
            foreach (var (start, end) in pieces)
                Range6(scope, new DhcpRange6(ToV6(start), ToV6(end), 64, lease, false, false, DhcpRange6Modes.None, null, tag, [], scope.Source), end);

            var reservationOptions = new List<(WindowsDhcpOptionValue, string)>();
            foreach (var group in scope.Reservations.GroupBy(r => NormalizeDuid(r.ClientDuid) ?? r.ClientDuid, StringComparer.Ordinal))
                Reservation6(network, group.ToList(), reservationOptions);
            foreach (var (option, resTag) in reservationOptions) Option6(option, [resTag], $"reservation {resTag[4..]}");
            foreach (var option in scope.Options) Option6(option, [tag], $"scope {prefix}");
            if (scope.LeaseCount > 0)
                plan.Warn(scope.Source, subject, $"{scope.LeaseCount} IPv6 leases not imported: Pint's lease file holds only the leases it gave; clients get an address from Pint when they renew or rebind (reserve the ones that must keep theirs)");
        }

        private void Range6(WindowsDhcpScope6 scope, DhcpRange6 range, UInt128 end)
        {
            var start = V6(range.Start);
            var clash = _ranges6.FirstOrDefault(r => start <= r.End && r.Start <= end
                && !(r.Range.Start.Equals(range.Start) && Equals(r.Range.End, range.End)));
            if (clash.Range is not null)
            {
                plan.Warn(scope.Source, $"IPv6 Scope {scope.Prefix}", $"range {range.Start}-{range.End?.ToString() ?? "static"} not imported: it overlaps the config's range {clash.Range.Start}-{clash.Range.End?.ToString() ?? "static"}");
                return;
            }
            _ranges6.Add((start, end, range));
            plan.Add("dhcp-range", DnsmasqValue.DhcpRange6(range), scope.Source);
        }

        /// <summary>The prefix's ::1 to ::ffff:ffff:ffff:ffff minus the scope's exclusion ranges, in order.</summary>
        private List<(UInt128 Start, UInt128 End)> Pieces6(WindowsDhcpScope6 scope, UInt128 network, string subject)
        {
            var pieces = new List<(UInt128 Start, UInt128 End)> { (network | 1, network | HostMask(64)) };
            foreach (var (exStart, exEnd) in scope.Exclusions)
            {
                var (a, b) = (V6(exStart), V6(exEnd));
                if ((a & ~HostMask(64)) != network || (b & ~HostMask(64)) != network || a > b)
                {
                    plan.Warn(scope.Source, subject, $"exclusion range {exStart}-{exEnd} is not inside {ToV6(network)}/64; ignored");
                    continue;
                }
                pieces = pieces.SelectMany(p =>
                {
                    if (b < p.Start || a > p.End) return new[] { p };
                    var left = a > p.Start ? new[] { (p.Start, a - 1) } : [];
                    var right = b < p.End ? new[] { (b + 1, p.End) } : [];
                    return left.Concat(right).ToArray();
                }).ToList();
            }
            return pieces;
        }

        /// <summary>
        /// The reservations of one DUID: one dhcp-host line <c>id:DUID,[address]...,name</c>. dnsmasq matches a DUID,
        /// not an IAID, and hands a host's addresses to its IAs in turn, so the IAIDs are not kept.
        /// </summary>
        private void Reservation6(UInt128 network, List<WindowsDhcpReservation6> group, List<(WindowsDhcpOptionValue, string)> options)
        {
            var first = group[0];
            var subject = $"Reservation {first.IPAddress}";
            if (NormalizeDuid(first.ClientDuid) is not { } duid)
            {
                plan.Warn(first.Source, subject, $"ClientDuid '{first.ClientDuid}' is not a DUID (hex bytes such as 00-01-00-01-...); not imported");
                return;
            }
            var addresses = new List<IPAddress>();
            foreach (var r in group)
            {
                if ((V6(r.IPAddress) & ~HostMask(64)) != network)
                    plan.Warn(r.Source, $"Reservation {r.IPAddress}", $"address is not in scope {ToV6(network)}/64; not imported");
                else addresses.Add(r.IPAddress);
            }
            if (addresses.Count == 0) return;
            var existing = config.Dhcp.Hosts.FirstOrDefault(h => string.Equals(h.ClientId, duid, StringComparison.OrdinalIgnoreCase)
                || h.IPv6Addresses.Any(addresses.Contains) || (h.IPv6Address is not null && addresses.Contains(h.IPv6Address)));
            string? name = group.Select(r => r.Name).FirstOrDefault(n => n.Length > 0);
            if (name is not null && !IsDhcpHostName(name))
            {
                plan.Warn(first.Source, subject, $"name '{name}' is not a host name dnsmasq accepts (letters, digits, '-', dots); reservation imported without a name");
                name = null;
            }
            var withOptions = group.Where(r => r.Options.Count > 0 && addresses.Contains(r.IPAddress)).ToList();
            var setTags = withOptions.Count > 0 ? new[] { ReservationTag(withOptions[0].IPAddress) } : [];
            var line = DnsmasqValue.DhcpHost(new DhcpHost([], duid, null, name, null, false, setTags, [], first.Source)
            {
                IPv6Address = addresses[0],
                IPv6Addresses = addresses,
            });
            if (existing is not null && DnsmasqValue.DhcpHost(existing) != line)
            {
                plan.Warn(first.Source, subject, $"not imported: the config already reserves {(string.Equals(existing.ClientId, duid, StringComparison.OrdinalIgnoreCase) ? "this DUID" : "this address")} at {existing.Source}");
                return;
            }
            plan.Add("dhcp-host", line, first.Source);
            plan.Note(first.Source, subject, group.Count == 1
                ? $"IAID {first.Iaid} not kept: dnsmasq reserves the address for the DUID, whichever IA asks"
                : $"the {group.Count} reservations of DUID {duid} (IAIDs {string.Join(", ", group.Select(r => r.Iaid))}) became one dhcp-host line; dnsmasq hands its addresses to the client's IAs in turn");
            foreach (var r in group.Where(r => r.Description is not null))
                plan.Note(r.Source, $"Reservation {r.IPAddress}", $"description '{r.Description}' is not kept: dhcp-host lines have no description field");
            // Every reservation of the DUID shares the one tag the line sets.
            if (setTags.Length > 0) options.AddRange(withOptions.SelectMany(r => r.Options).Select(o => (o, setTags[0])));
        }

        private void Option6(WindowsDhcpOptionValue o, IReadOnlyList<string> tags, string level)
        {
            var subject = $"IPv6 Option {o.OptionId}";
            if (o.UserClass is not null || o.VendorClass is not null)
            {
                plan.Warn(o.Source, subject, $"{level} option {o.OptionId} for {(o.UserClass is not null ? $"user class '{o.UserClass}'" : $"vendor class '{o.VendorClass}'")} not imported: Pint matches no DHCPv6 classes (dhcp-userclass/dhcp-vendorclass by hand)");
                return;
            }
            var definition = export.IPv6OptionDefinitions.FirstOrDefault(d => d.OptionId == o.OptionId && d.VendorClass is null);
            var label = definition is null ? "" : $" ({definition.Name})";
            if (o.OptionId is < 1 or > 65535 || Dhcp6.Options.Dhcp6OptionCatalog.IsServerManaged(o.OptionId))
            {
                plan.Warn(o.Source, subject, $"{level} option {o.OptionId}{label} not imported: the DHCPv6 server sets it itself");
                return;
            }
            if (!WindowsDhcpOptionFormatter.TryFormat6(o.OptionId, definition?.Type, o.Values, out var value, out var reason)
                || !Dhcp6.Options.Dhcp6OptionEncoder.TryEncode(o.OptionId, value.Split(','), out _, out _, out reason))
            {
                plan.Warn(o.Source, subject, $"{level} option {o.OptionId}{label} not imported: {reason}");
                return;
            }
            var name = Dhcp6.Options.Dhcp6OptionCatalog.NameOf(o.OptionId);
            var fields = tags.Select(t => "tag:" + t).ToList();
            fields.Add("option6:" + (name ?? o.OptionId.ToString(CultureInfo.InvariantCulture)));
            fields.Add(value);
            plan.Add("dhcp-option", new DnsmasqValue().AddWritten(fields), o.Source);
        }

        private bool TryVendorText(string className, out string? text)
        {
            text = null;
            var cls = export.Classes.FirstOrDefault(c => string.Equals(c.Name, className, StringComparison.OrdinalIgnoreCase));
            if (cls is null || cls.Data.Length == 0 || cls.Data.Any(b => b is < 0x20 or > 0x7e or (byte)',' or (byte)'"')) return false;
            text = System.Text.Encoding.ASCII.GetString(cls.Data);
            return true;
        }
    }

    private static UInt128 V6(IPAddress address) => Dhcp6.Protocol.Dhcp6Pool.ToValue(address);

    private static IPAddress ToV6(UInt128 value) => Dhcp6.Protocol.Dhcp6Pool.ToAddress(value);

    private static UInt128 HostMask(int prefixLength) => prefixLength >= 128 ? UInt128.Zero : UInt128.MaxValue >> prefixLength;

    /// <summary>A Windows DUID ("00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95", or with colons) as dnsmasq's colon hex; null when it is not one.</summary>
    internal static string? NormalizeDuid(string text)
    {
        var parts = text.Trim().Split('-', ':');
        if (parts.Length < 2 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiHexDigit)))
        {
            var hex = text.Trim();
            if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
            if (hex.Length < 4 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit)) return null;
            parts = Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(2 * i, 2)).ToArray();
        }
        return string.Join(':', parts.Select(p => p.PadLeft(2, '0').ToLowerInvariant()));
    }

    /// <summary>A Windows ClientId: up to 17 characters a MAC, longer a client identifier (as colon hex).</summary>
    private static bool TryClient(string text, out string? mac, out string? clientId)
    {
        mac = clientId = null;
        if (!MacAddressText.TryNormalize(text, out var hex)) return false;
        if (text.Trim().Length <= 17 && hex.Length == 17) mac = hex;
        else clientId = hex;
        return true;
    }

    /// <summary>A client identifier of hardware type 1 (Ethernet) holds the MAC after the type byte.</summary>
    private static bool TryMacFromClientId(string clientId, out string? mac)
    {
        mac = clientId.Length == 20 && clientId.StartsWith("01:", StringComparison.Ordinal) ? clientId[3..] : null;
        return mac is not null;
    }

    /// <summary>A name a dhcp-host line reads as a host name (not as a lease time or address).</summary>
    private static bool IsDhcpHostName(string name) =>
        HostNameCheck.IsValid(name) && !LeaseTimeLike().IsMatch(name);



    [GeneratedRegex(@"^(\d+[smhdwSMHDW]?|infinite|ignore)$")]
    private static partial Regex LeaseTimeLike();
}
