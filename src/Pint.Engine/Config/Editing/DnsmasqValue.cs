using System.Globalization;
using System.Net;
using Pint.Engine.Dhcp.Leases.Postgres;

namespace Pint.Engine.Config;

/// <summary>
/// The one writer of dnsmasq's value syntax for what cmdlets and imports add to a config: comma-separated fields, numbers
/// in invariant digits, <c>tag:</c>/<c>set:</c> prefixes, lease times as people write them, and the layouts of the
/// options whose fields have an order (<c>dhcp-host</c>, <c>dhcp-range</c>, <c>host-record</c>, <c>server</c>). The
/// whole line then goes through <see cref="ConfigValue.FormatLine"/>. A value built here parses back (through
/// <see cref="ConfigLoader"/>) to the same fields.
/// </summary>
public sealed class DnsmasqValue
{
    private readonly List<string> _fields = [];

    /// <summary>The fields given, in order, skipping nulls.</summary>
    public static DnsmasqValue Of(params IEnumerable<string?> fields) => new DnsmasqValue().Add(fields);

    /// <summary>Adds <paramref name="field"/> (nothing when null).</summary>
    /// <exception cref="ArgumentException">The field holds a comma: dnsmasq would read two fields.</exception>
    public DnsmasqValue Add(string? field)
    {
        if (field is null) return this;
        if (field.Contains(',')) throw new ArgumentException($"'{field}' holds a comma, which dnsmasq reads as two fields", nameof(field));
        _fields.Add(field);
        return this;
    }

    public DnsmasqValue Add(IEnumerable<string?> fields)
    {
        foreach (var field in fields) Add(field);
        return this;
    }

    /// <summary>Adds values as the user wrote them, commas and all (a DHCP option's list of values).</summary>
    public DnsmasqValue AddWritten(IEnumerable<string> values)
    {
        _fields.AddRange(values);
        return this;
    }

    public DnsmasqValue Add(int? number) => Add(number?.ToString(CultureInfo.InvariantCulture));

    public DnsmasqValue Add(IPAddress? address) => Add(address?.ToString());

    /// <summary>Adds <c>tag:NAME</c> (or <paramref name="prefix"/><c>:NAME</c>, as <c>set</c>) for each of <paramref name="names"/>.</summary>
    public DnsmasqValue Tags(IEnumerable<string> names, string prefix = "tag") => Add(names.Select(n => $"{prefix}:{n}"));

    public DnsmasqValue Lease(TimeSpan? lease) => lease is { } l ? Add(LeaseTime(l)) : this;

    public override string ToString() => string.Join(',', _fields);

    public static implicit operator string(DnsmasqValue value) => value.ToString();

    /// <summary>
    /// <c>[mac,...][,id:client][,set:tag...][,tag:tag...][,address][,hostname][,lease][,ignore]</c>, skipping what is not given.
    /// </summary>
    public static string DhcpHost(DhcpHost host) =>
        new DnsmasqValue()
            .Add(host.HardwareAddresses)
            .Add(host.ClientId is null ? null : "id:" + host.ClientId)
            .Tags(host.SetTags, "set")
            .Tags(host.Tags)
            .Add(host.Address)
            .Add((host.IPv6Addresses.Count > 0 ? host.IPv6Addresses : host.IPv6Address is null ? [] : [host.IPv6Address]).Select(a => $"[{a}]"))
            .Add(host.HostName)
            .Lease(host.LeaseTime)
            .Add(host.Ignore ? "ignore" : null);

    /// <summary><c>[tag:x,...][set:x,]start,end|static[,netmask[,broadcast]][,lease]</c>.</summary>
    public static string DhcpRange(DhcpRange range) =>
        new DnsmasqValue()
            .Tags(range.Tags)
            .Add(range.SetTag is null ? null : "set:" + range.SetTag)
            .Add(range.Start)
            .Add(range.IsStatic ? "static" : range.End.ToString())
            .Add(range.Netmask)
            .Add(range.Broadcast)
            .Lease(range.LeaseTime);

    /// <summary>
    /// The IPv6 form, <c>[tag:x,...][set:x,]start,end|static[,mode...],prefix-length[,lease|deprecated]</c>; the prefix
    /// length is always written, so that a lease time in seconds is never read as one.
    /// </summary>
    public static string DhcpRange6(DhcpRange6 range)
    {
        var value = new DnsmasqValue()
            .Tags(range.Tags)
            .Add(range.SetTag is null ? null : "set:" + range.SetTag)
            .Add(range.Start)
            .Add(range.IsStatic ? null : range.End)
            .Add(range.IsStatic ? "static" : null)
            .Add(range.ConstructorInterface is null ? null : "constructor:" + range.ConstructorInterface);
        foreach (var (mode, name) in new[]
        {
            (DhcpRange6Modes.RaOnly, "ra-only"), (DhcpRange6Modes.RaNames, "ra-names"), (DhcpRange6Modes.RaStateless, "ra-stateless"),
            (DhcpRange6Modes.RaAdvRouter, "ra-advrouter"), (DhcpRange6Modes.Slaac, "slaac"), (DhcpRange6Modes.OffLink, "off-link"),
        })
            if ((range.Modes & mode) != 0) value.Add(name);
        value.Add(range.PrefixLength);
        return range.Deprecated ? value.Add("deprecated") : value.Lease(range.LeaseTime);
    }

    /// <summary><c>name[,name...],address[,address...][,ttl]</c>.</summary>
    public static string HostRecord(IEnumerable<string> names, IEnumerable<IPAddress> addresses, int? ttl) =>
        new DnsmasqValue().Add(names).Add(addresses.Select(a => a.ToString())).Add(ttl);

    /// <summary><c>[/domain/.../]address[#port]</c>, the port left out when it is 53.</summary>
    public static string Server(IPAddress address, int port, IReadOnlyList<string> domains)
    {
        var prefix = domains.Count == 0 ? "" : "/" + string.Join('/', domains) + "/";
        return port == 53 ? $"{prefix}{address}" : $"{prefix}{address}#{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// <c>pint-lease-store=</c>: <c>file</c>, or <c>postgresql,CONNECTION-STRING</c> with the connection string as
    /// given, commas and all (it is the rest of the line).
    /// </summary>
    public static string LeaseStore(LeaseStoreKind kind, string? connectionString)
    {
        if (kind == LeaseStoreKind.File) return "file";
        if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("a PostgreSQL lease store needs a connection string", nameof(connectionString));
        return new DnsmasqValue().Add("postgresql").AddWritten([connectionString.Trim(' ')]);
    }

    /// <summary>
    /// <c>pint-dhcp-failover=NAME,PARTNER,load-balance|hot-standby,role=primary|secondary[,percent=N]
    /// [,partner-down=SECONDS][,heartbeat=SECONDS][,scope=NETWORK]...</c>: the role always, the share of a
    /// load-balance relationship always, the timings only when they are not the defaults (30 s and 5 s).
    /// </summary>
    public static string DhcpFailover(string name, FailoverSettings settings, IEnumerable<IPAddress> scopes)
    {
        var defaults = new FailoverSettings { Role = settings.Role, PartnerServerId = settings.PartnerServerId };
        var loadBalance = settings.Mode == FailoverMode.LoadBalance;
        return new DnsmasqValue()
            .Add(name)
            .Add(settings.PartnerServerId)
            .Add(loadBalance ? "load-balance" : "hot-standby")
            .Add(settings.Role == FailoverRole.Primary ? "role=primary" : "role=secondary")
            .Add(loadBalance ? "percent=" + settings.LoadBalancePercent.ToString(CultureInfo.InvariantCulture) : null)
            .Add(settings.PartnerDownAfter == defaults.PartnerDownAfter ? null : "partner-down=" + WholeSeconds(settings.PartnerDownAfter))
            .Add(settings.HeartbeatInterval == defaults.HeartbeatInterval ? null : "heartbeat=" + WholeSeconds(settings.HeartbeatInterval))
            .Add(scopes.Select(s => "scope=" + s));
    }

    private static string WholeSeconds(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerSecond != 0) throw new ArgumentException($"{span} is not a whole number of seconds", nameof(span));
        return ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A lease time the way people write them: <c>infinite</c>, or the largest whole unit (<c>12h</c>, <c>45m</c>,
    /// <c>1d</c>), or seconds.
    /// </summary>
    public static string LeaseTime(TimeSpan lease)
    {
        if (lease == Timeout.InfiniteTimeSpan) return "infinite";
        var seconds = (long)lease.TotalSeconds;
        foreach (var (unit, size) in new[] { ("w", 604800L), ("d", 86400L), ("h", 3600L), ("m", 60L) })
        {
            if (seconds > 0 && seconds % size == 0) return (seconds / size).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return seconds.ToString(CultureInfo.InvariantCulture);
    }
}
