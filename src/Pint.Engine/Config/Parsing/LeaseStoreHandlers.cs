using System.Data.Common;
using System.Net;
using Npgsql;
using Pint.Engine.Dhcp.Leases.Postgres;

namespace Pint.Engine.Config;

/// <summary>
/// Registers the handlers of the Pint-only options of issue #18 (<see cref="PintOptionCatalog"/>): where the DHCPv4
/// leases are kept (<c>pint-lease-store</c>), this server's name in a shared lease database (<c>pint-server-id</c>) and
/// its failover relationships as Windows' Add-DhcpServerv4Failover names them (<c>pint-dhcp-failover</c>). Whether a
/// failover has a database to share and ranges to cover is the DHCP setup step's check (DhcpSetup), which sees the
/// whole config.
/// </summary>
internal static class LeaseStoreHandlers
{
    public const string LeaseStoreOption = "pint-lease-store", ServerIdOption = "pint-server-id", FailoverOption = "pint-dhcp-failover";

    /// <summary>The keywords of <c>pint-lease-store=</c>.</summary>
    public const string FileKind = "file", PostgreSqlKind = "postgresql";

    /// <summary>The keywords of the mode field of <c>pint-dhcp-failover=</c>.</summary>
    public const string LoadBalanceMode = "load-balance", HotStandbyMode = "hot-standby";

    /// <summary>The longest server id or relationship name (a PostgreSQL identifier-sized key).</summary>
    public const int MaxNameLength = 63;

    public static void Register(IDictionary<string, OptionHandler> handlers)
    {
        handlers[LeaseStoreOption] = LeaseStore;
        handlers[ServerIdOption] = ServerId;
        handlers[FailoverOption] = Failover;
    }

    /// <summary><c>file</c>, or <c>postgresql,CONNECTION-STRING</c>: the connection string is the rest of the line, commas and all.</summary>
    private static void LeaseStore(OptionLine line, PintConfig config)
    {
        var value = line.Value!;
        var comma = value.IndexOf(',');
        var kind = (comma < 0 ? value : value[..comma]).Trim(' ');
        var rest = comma < 0 ? null : value[(comma + 1)..].Trim(' ');
        switch (kind)
        {
            case FileKind:
                if (!string.IsNullOrEmpty(rest)) { line.Error("pint-lease-store=file takes nothing after 'file' (the lease file is dhcp-leasefile=)"); return; }
                config.Dhcp.LeaseStore = new LeaseStoreConfig(LeaseStoreKind.File, null, line.Source);
                return;
            case PostgreSqlKind:
                if (string.IsNullOrEmpty(rest)) { line.Error("expected pint-lease-store=postgresql,CONNECTION-STRING (Host=...;Database=...;Username=...)"); return; }
                if (CheckConnectionString(rest) is { } problem) { line.Error(problem); return; }
                config.Dhcp.LeaseStore = new LeaseStoreConfig(LeaseStoreKind.PostgreSql, rest, line.Source);
                return;
            default:
                line.Error($"expected pint-lease-store=file or pint-lease-store=postgresql,CONNECTION-STRING, not '{kind}'");
                return;
        }
    }

    /// <summary>
    /// Why Npgsql would refuse <paramref name="connectionString"/>, or null when it takes it. The message names the
    /// keyword at fault but never a value: the string may hold a password, and diagnostics are shown and logged.
    /// </summary>
    public static string? CheckConnectionString(string connectionString)
    {
        DbConnectionStringBuilder pairs;
        try
        {
            pairs = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            // Its message quotes no value, but the position is all it says; this says what the form is.
            return "the connection string is not a list of Keyword=Value pairs separated by ';' (quote a value holding ';' or '=' with single or double quotes)";
        }
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (string keyword in pairs.Keys)
        {
            // The builder lower-cases keywords; the message shows the one written.
            var at = connectionString.IndexOf(keyword, StringComparison.OrdinalIgnoreCase);
            var written = at >= 0 ? connectionString.Substring(at, keyword.Length) : keyword;
            try
            {
                builder[keyword] = pairs[keyword];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
            {
                return e is ArgumentException && !builder.ContainsKey(keyword)
                    ? $"the connection string has keyword '{written}', which Npgsql does not know"
                    : $"the connection string's {written} has a value Npgsql cannot read";
            }
        }
        if (string.IsNullOrWhiteSpace(builder.Host)) return "the connection string names no Host (the PostgreSQL server), for example Host=db1;Database=pint;Username=pint";
        return null;
    }

    private static void ServerId(OptionLine line, PintConfig config)
    {
        var id = line.Value!.Trim(' ');
        if (NameProblem(id, "server id") is { } problem) { line.Error(problem); return; }
        config.Dhcp.ServerId = id;
    }

    /// <summary>Why <paramref name="name"/> is no server id or relationship name (letters, digits, '-', '.', '_'), or null.</summary>
    public static string? NameProblem(string name, string what)
    {
        if (name.Length == 0) return $"the {what} is empty";
        if (name.Length > MaxNameLength) return $"the {what} '{name}' is longer than {MaxNameLength} characters";
        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'));
        if (bad != default) return $"the {what} '{name}' holds '{bad}': only letters, digits, '-', '.' and '_' are allowed";
        return null;
    }

    /// <summary>
    /// <c>NAME,PARTNER,load-balance|hot-standby[,role=primary|secondary][,percent=N][,partner-down=SECONDS]
    /// [,heartbeat=SECONDS][,scope=IPV4]...</c>.
    /// </summary>
    private static void Failover(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length < 3) { line.Error("expected NAME,PARTNER-SERVER-ID,load-balance|hot-standby[,role=primary|secondary][,percent=N][,partner-down=SECONDS][,heartbeat=SECONDS][,scope=NETWORK]..."); return; }
        var (name, partner, modeText) = (fields[0], fields[1], fields[2]);
        if (NameProblem(name, "failover name") is { } nameProblem) { line.Error(nameProblem); return; }
        if (NameProblem(partner, "partner server id") is { } partnerProblem) { line.Error(partnerProblem); return; }
        if (config.Dhcp.FailoverList.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { } first)
        {
            line.Error($"failover '{name}' is already defined at {first.Source}; each relationship needs its own name");
            return;
        }
        FailoverMode mode;
        switch (modeText)
        {
            case LoadBalanceMode: mode = FailoverMode.LoadBalance; break;
            case HotStandbyMode: mode = FailoverMode.HotStandby; break;
            default: line.Error($"unknown failover mode '{modeText}': expected load-balance or hot-standby"); return;
        }

        var role = FailoverRole.Primary;
        int percent = 50, partnerDown = 30, heartbeat = 5;
        var scopes = new List<IPAddress>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields.Skip(3))
        {
            var eq = field.IndexOf('=');
            var key = eq < 0 ? field : field[..eq].Trim(' ');
            var value = eq < 0 ? null : field[(eq + 1)..].Trim(' ');
            if (key is not ("role" or "percent" or "partner-down" or "heartbeat" or "scope"))
            {
                line.Error($"unknown failover setting '{key}': expected role=, percent=, partner-down=, heartbeat= or scope=");
                return;
            }
            if (string.IsNullOrEmpty(value)) { line.Error($"{key}= needs a value"); return; }
            if (key != "scope" && !seen.Add(key)) { line.Error($"{key}= is given twice"); return; }
            switch (key)
            {
                case "role":
                    if (value == "primary") role = FailoverRole.Primary;
                    else if (value == "secondary") role = FailoverRole.Secondary;
                    else { line.Error($"bad role '{value}': expected primary or secondary"); return; }
                    break;
                case "percent":
                    if (!ValueParser.TryInt(value, 0, 100, out percent)) { line.Error($"bad percent '{value}': expected a whole number from 0 to 100"); return; }
                    break;
                case "partner-down":
                    if (!ValueParser.TryInt(value, 1, 86400, out partnerDown)) { line.Error($"bad partner-down '{value}': expected seconds, 1 to 86400"); return; }
                    break;
                case "heartbeat":
                    if (!ValueParser.TryInt(value, 1, 86400, out heartbeat)) { line.Error($"bad heartbeat '{value}': expected seconds, 1 to 86400"); return; }
                    break;
                case "scope":
                    if (!ValueParser.TryIPv4(value, out var scope)) { line.Error($"bad scope '{value}': expected the IPv4 network address of a dhcp-range, such as 10.0.0.0"); return; }
                    if (scopes.Contains(scope)) { line.Error($"scope {scope} is given twice"); return; }
                    scopes.Add(scope);
                    break;
            }
        }
        if (heartbeat >= partnerDown)
        {
            line.Error($"heartbeat={heartbeat} must be shorter than partner-down={partnerDown}: the partner would count as down between two of its heartbeats");
            return;
        }
        if (mode == FailoverMode.HotStandby && seen.Contains("percent"))
            line.Warning("percent= applies to load-balance only; a hot-standby relationship ignores it");

        var settings = new FailoverSettings
        {
            Mode = mode,
            Role = role,
            PartnerServerId = partner,
            LoadBalancePercent = percent,
            PartnerDownAfter = TimeSpan.FromSeconds(partnerDown),
            HeartbeatInterval = TimeSpan.FromSeconds(heartbeat),
        };
        config.Dhcp.FailoverList.Add(new DhcpFailoverConfig(name, settings, scopes, line.Source));
    }
}
