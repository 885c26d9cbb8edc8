using System.Data.Common;
using System.Net;
using Pint.Engine.Dhcp.Leases.Postgres;
using Pint.Engine.Management;

namespace Pint.Engine.Config;

/// <summary>
/// The edits of the Pint-only lease store and failover options (issue #18). dnsmasq refuses those lines, so they
/// live in <c>pint-leasestore.conf</c> beside the main config, which includes it with one <c>conf-file=</c> line: the
/// main config stays a file dnsmasq reads. A line of these options found anywhere else is moved into that file.
/// </summary>
public static class LeaseStoreEditing
{
    /// <summary>The name of the conf file that holds the lines, in the main config's folder.</summary>
    public const string FileName = "pint-leasestore.conf";

    /// <summary>What a password in a connection string is shown as.</summary>
    public const string PasswordMask = "********";

    private static readonly HashSet<string> PasswordKeywords = new(["Password", "PSW", "PWD"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The full path of <see cref="FileName"/> for the config <paramref name="configPath"/>.</summary>
    public static string IncludePath(string configPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, FileName);

    /// <summary>Writes <c>pint-lease-store=file</c> or <c>pint-lease-store=postgresql,CONNECTION-STRING</c>.</summary>
    /// <exception cref="PintEditException">The connection string is not one Npgsql reads, or failovers need the database.</exception>
    public static ConfigEntry SetLeaseStore(ConfigEditSession session, PintConfig config, LeaseStoreKind kind, string? connectionString)
    {
        if (kind == LeaseStoreKind.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new PintEditException(PintEditError.InvalidValue, "-ConnectionString is empty; give an Npgsql connection string such as Host=db1;Database=pint;Username=pint.");
            if (LeaseStoreHandlers.CheckConnectionString(connectionString.Trim(' ')) is { } problem)
                throw new PintEditException(PintEditError.InvalidValue, $"-ConnectionString: {problem}.");
            if (HasMaskedPassword(connectionString))
                throw new PintEditException(PintEditError.InvalidValue, $"-ConnectionString holds the password mask '{PasswordMask}' that Get-PintLeaseStore shows; give the real password (or a Passfile=).");
        }
        else if (config.Dhcp.Failovers.Count > 0)
        {
            throw new PintEditException(PintEditError.InvalidValue,
                $"{config.Dhcp.Failovers.Count} failover relationship(s) ({string.Join(", ", config.Dhcp.Failovers.Select(f => f.Name))}) need the PostgreSQL lease store; remove them first (Get-PintDhcpFailover | Remove-PintDhcpFailover).");
        }
        var document = session.Include(IncludePath(session.ConfigPath));
        return session.SetIn(document, LeaseStoreHandlers.LeaseStoreOption, DnsmasqValue.LeaseStore(kind, connectionString));
    }

    /// <summary>Writes <c>pint-server-id=NAME</c>.</summary>
    public static ConfigEntry SetServerId(ConfigEditSession session, string serverId)
    {
        if (LeaseStoreHandlers.NameProblem(serverId, "server id") is { } problem)
            throw new PintEditException(PintEditError.InvalidValue, $"-ServerId: {problem}.");
        var document = session.Include(IncludePath(session.ConfigPath));
        return session.SetIn(document, LeaseStoreHandlers.ServerIdOption, serverId);
    }

    /// <summary>
    /// Appends a <c>pint-dhcp-failover=</c> line. The config must use the PostgreSQL lease store, the name must be new
    /// and each scope the network address of one of its IPv4 dhcp-range lines (as the DHCP setup step checks).
    /// </summary>
    public static ConfigEntry AddFailover(ConfigEditSession session, PintConfig config, string name, FailoverSettings settings, IReadOnlyList<IPAddress> scopes)
    {
        if (LeaseStoreHandlers.NameProblem(name, "failover name") is { } nameProblem) throw new PintEditException(PintEditError.InvalidValue, $"-Name: {nameProblem}.");
        if (LeaseStoreHandlers.NameProblem(settings.PartnerServerId, "partner server id") is { } partnerProblem) throw new PintEditException(PintEditError.InvalidValue, $"-PartnerServer: {partnerProblem}.");
        if (config.Dhcp.Failovers.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { } existing)
            throw new PintEditException(PintEditError.AlreadyExists, $"A failover relationship named '{existing.Name}' is already defined at {existing.Source}.");
        if (config.Dhcp.LeaseStore.Kind != LeaseStoreKind.PostgreSql)
            throw new PintEditException(PintEditError.InvalidValue, "A failover relationship shares leases through PostgreSQL: set the lease store first (Set-PintLeaseStore -PostgreSql -ConnectionString ...).");
        if (config.Dhcp.ServerId is { } self && string.Equals(self, settings.PartnerServerId, StringComparison.OrdinalIgnoreCase))
            throw new PintEditException(PintEditError.InvalidValue, $"-PartnerServer {settings.PartnerServerId} is this server's own id (pint-server-id).");
        if (settings.LoadBalancePercent is < 0 or > 100)
            throw new PintEditException(PintEditError.InvalidValue, $"-LoadBalancePercent {settings.LoadBalancePercent} is outside 0-100.");
        if (settings.HeartbeatInterval >= settings.PartnerDownAfter)
            throw new PintEditException(PintEditError.InvalidValue, $"-HeartbeatInterval {settings.HeartbeatInterval} must be shorter than -StateSwitchInterval {settings.PartnerDownAfter}.");
        if (scopes.Count == 0)
            throw new PintEditException(PintEditError.InvalidValue, "-ScopeId names no scope.");
        var networks = config.Dhcp.Ranges.Where(r => r.Netmask is not null && r.Start.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            .Select(r => DhcpRangeCatalog.Network(r.Start, r.Netmask!)).Distinct().ToList();
        foreach (var scope in scopes)
        {
            if (scope.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                throw new PintEditException(PintEditError.InvalidValue, $"-ScopeId {scope} is not an IPv4 address; failover covers DHCPv4 scopes.");
            if (!networks.Contains(scope) && !config.Dhcp.Ranges.Any(r => r.Netmask is null && r.Start.AddressFamily == scope.AddressFamily && SameNetworkSomePrefix(r, scope)))
                throw new PintEditException(PintEditError.NotFound,
                    $"-ScopeId {scope} is not the network address of a dhcp-range in the config" + (networks.Count > 0 ? $" (its scopes: {string.Join(", ", networks)})." : " (it has no IPv4 dhcp-range; add one with Set-PintDhcpRange)."));
        }
        var value = DnsmasqValue.DhcpFailover(name, settings, scopes.Distinct());
        var document = session.Include(IncludePath(session.ConfigPath));
        return session.AppendTo(document, LeaseStoreHandlers.FailoverOption, value);
    }

    /// <summary>Removes the <c>pint-dhcp-failover=</c> line of relationship <paramref name="name"/> (wherever it is); false when there is none.</summary>
    public static bool RemoveFailover(ConfigEditSession session, PintConfig config, string name)
    {
        var failover = config.Dhcp.Failovers.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (failover is null) return false;
        var entry = session.EntryAt(LeaseStoreHandlers.FailoverOption, failover.Source)
            ?? throw new PintEditException(PintEditError.NotFound, $"{failover.Source} changed since it was read; run the command again.");
        session.Remove(entry);
        return true;
    }

    /// <summary>
    /// <paramref name="connectionString"/> with the value of its Password (PWD, PSW) replaced by
    /// <see cref="PasswordMask"/>, the rest as written. A string that does not parse is masked from the first
    /// password keyword to the next ';'.
    /// </summary>
    public static string MaskPassword(string connectionString) =>
        PasswordPair.Replace(connectionString, m => m.Groups["key"].Value + "=" + PasswordMask);

    /// <summary>
    /// A config line as it may be shown: a <c>pint-lease-store=postgresql,...</c> line with its password masked (as
    /// <c>option=value</c>, without indentation and comment), any other line unchanged.
    /// </summary>
    public static string MaskLine(string rawText)
    {
        var lexed = ConfigLineLexer.Lex(rawText);
        if (lexed.Kind != ConfigLineKind.Option || lexed.Option != LeaseStoreHandlers.LeaseStoreOption || lexed.Value is not { } value) return rawText;
        var comma = value.IndexOf(',');
        if (comma < 0) return rawText;
        var masked = value[..(comma + 1)] + MaskPassword(value[(comma + 1)..]);
        return masked == value ? rawText : ConfigValue.FormatLine(lexed.Option, masked);
    }

    // Keyword=Value pairs as DbConnectionStringBuilder reads them: a value may be quoted with ' or " (doubled inside).
    private static readonly System.Text.RegularExpressions.Regex PasswordPair = new(
        @"(?<=^|;)(?<key>\s*(?:password|pwd|psw)\s*)=\s*(?:'(?:[^']|'')*'|""(?:[^""]|"""")*""|[^;]*)",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool HasMaskedPassword(string connectionString)
    {
        try
        {
            var pairs = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return pairs.Keys.Cast<string>().Any(k => PasswordKeywords.Contains(k) && (pairs[k] as string) == PasswordMask);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool SameNetworkSomePrefix(DhcpRange range, IPAddress scope)
    {
        for (int prefix = 8; prefix <= 30; prefix++)
        {
            var bytes = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, uint.MaxValue << (32 - prefix));
            var mask = new IPAddress(bytes);
            if (DhcpRangeCatalog.Network(range.Start, mask).Equals(scope) && DhcpRangeCatalog.Network(range.End, mask).Equals(scope)) return true;
        }
        return false;
    }
}
