using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Hosting;

namespace Pint.Engine.Management;

/// <summary>The leases of a config's lease file as Windows-style lease objects.</summary>
public static class LeaseCatalog
{
    /// <summary>
    /// The lease file a config uses: its dhcp-leasefile= (a relative path read from the working directory, as
    /// dnsmasq does), else Pint's platform default.
    /// </summary>
    public static string LeaseFilePath(PintConfig config, string workingDirectory)
    {
        var file = config.Dhcp.LeaseFile;
        if (string.IsNullOrEmpty(file)) return PintPaths.DefaultLeaseFile;
        return Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(workingDirectory, file));
    }

    /// <summary>
    /// Reads the lease file with its journal replayed over it (what the server loads: a server killed before its last
    /// snapshot leaves records there); bad lines come back as diagnostics and are skipped.
    /// </summary>
    public static (IReadOnlyList<PintLease> Leases, IReadOnlyList<ConfigDiagnostic> Diagnostics) Read(PintConfig config, string workingDirectory, DateTimeOffset now)
    {
        if (config.Dhcp.LeaseStore.Kind == LeaseStoreKind.PostgreSql) return ReadShared(config, now);
        var result = LeaseFile.ReadWithJournal(LeaseFilePath(config, workingDirectory));
        // Expired leases stay visible (AddressState Expired) as in Windows; released ones are gone.
        return (result.Leases.Where(l => !LeaseFile.IsRelease(l)).Select(l => ToPintLease(config, l, now)).ToList(), result.Diagnostics);
    }

    /// <summary>
    /// <see cref="Read"/>'s IPv4 leases, then the file's DHCPv6 leases (the lines after its <c>duid</c> line), in file
    /// order. IA_TA lines (<c>T</c> before the IAID), which Pint does not serve, are left out; bad lines are diagnostics.
    /// </summary>
    public static (IReadOnlyList<PintLease> Leases, IReadOnlyList<ConfigDiagnostic> Diagnostics) ReadAll(PintConfig config, string workingDirectory, DateTimeOffset now)
    {
        var path = LeaseFilePath(config, workingDirectory);
        var result = LeaseFile.ReadWithJournal(path);
        var (v4, v4Diagnostics) = config.Dhcp.LeaseStore.Kind == LeaseStoreKind.PostgreSql
            ? ReadShared(config, now)
            : (result.Leases.Where(l => !LeaseFile.IsRelease(l)).Select(l => ToPintLease(config, l, now)).ToList(), result.Diagnostics);
        var leases = v4.ToList();
        var diagnostics = v4Diagnostics.ToList();
        foreach (var line in result.Dhcp6Lines)
        {
            if (Dhcp6.Server.Dhcp6LeaseFile.TryParseLine(line, out var lease)) leases.Add(ToPintLease(config, lease!, now));
            else if (!line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1)?.StartsWith('T') ?? true)
                diagnostics.Add(new ConfigDiagnostic(new ConfigSource(path, 0), "lease", DiagnosticSeverity.Warning, $"bad DHCPv6 lease line '{line}'"));
        }
        return (leases, diagnostics);
    }

    /// <summary>The live DHCPv6 leases of a running service, as lease objects in address order.</summary>
    public static IReadOnlyList<PintLease> Live6(PintConfig config, IEnumerable<Dhcp6.Protocol.Dhcp6Lease> leases, DateTimeOffset now) =>
        leases.Select(l => ToPintLease(config, l, now)).OrderBy(l => System.Net.IPAddress.Parse(l.IPAddress).GetAddressBytes(), ByteOrder.Instance).ToList();

    /// <summary>
    /// A DHCPv6 lease: <see cref="PintLease.ClientId"/> and <see cref="PintLease.Duid"/> hold the DUID, <see cref="PintLease.ScopeId"/>
    /// the prefix of the IPv6 range whose prefix holds the address (as the import names scopes), reserved when a dhcp-host
    /// line gives the address to this DUID (or to any client, without id:).
    /// </summary>
    public static PintLease ToPintLease(PintConfig config, Dhcp6.Protocol.Dhcp6Lease lease, DateTimeOffset now)
    {
        var duid = lease.ClientIdText;
        var reserved = config.Dhcp.Hosts.Any(h => (h.IPv6Addresses.Contains(lease.Address) || lease.Address.Equals(h.IPv6Address))
            && (h.ClientId is null || string.Equals(h.ClientId, duid, StringComparison.OrdinalIgnoreCase)));
        var state = lease.Expires is { } e && e <= now
            ? PintLeaseState.Expired
            : reserved ? PintLeaseState.ActiveReservation : PintLeaseState.Active;
        var value = Dhcp6.Protocol.Dhcp6Pool.ToValue(lease.Address);
        string? scope = null;
        foreach (var r in config.Dhcp.Ranges6)
        {
            if (r.ConstructorInterface is not null) continue;
            var mask = r.PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - r.PrefixLength);
            if ((Dhcp6.Protocol.Dhcp6Pool.ToValue(r.Start) & mask) != (value & mask)) continue;
            scope = Dhcp6.Protocol.Dhcp6Pool.ToAddress(value & mask).ToString();
            break;
        }
        return new PintLease
        {
            IPAddress = lease.Address.ToString(),
            AddressFamily = System.Net.Sockets.AddressFamily.InterNetworkV6,
            ClientId = duid,
            Duid = duid,
            Iaid = lease.Iaid,
            HostName = lease.HostName,
            LeaseExpiryTime = lease.Expires?.LocalDateTime,
            AddressState = state,
            ScopeId = scope,
        };
    }

    /// <summary>
    /// pint-lease-store=postgresql: the live DHCPv4 leases of every server on the database (the database is the
    /// truth; a server's own table may lag its partner's by a second). Unreachable: none, and a warning saying why.
    /// </summary>
    public static (IReadOnlyList<PintLease> Leases, IReadOnlyList<ConfigDiagnostic> Diagnostics) ReadShared(PintConfig config, DateTimeOffset now)
    {
        var store = config.Dhcp.LeaseStore;
        var source = store.Source ?? new ConfigSource("", 0);
        try
        {
            var backend = new Dhcp.Leases.Postgres.PostgresLeaseBackend(new() { ConnectionString = store.ConnectionString!, ServerId = config.Dhcp.EffectiveServerId });
            try
            {
                var rows = backend.LoadLiveAsync().GetAwaiter().GetResult();
                return (rows.Select(r => ToPintLease(config, r.ToDhcpLease(), now)).ToList(), []);
            }
            finally { backend.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        }
        catch (Dhcp.Leases.Postgres.LeaseBackendUnavailableException unavailable)
        {
            return ([], [new ConfigDiagnostic(source, "pint-lease-store", DiagnosticSeverity.Warning, $"the lease database is unreachable, no DHCPv4 lease listed: {unavailable.Message}")]);
        }
        catch (Npgsql.PostgresException schema) when (schema.SqlState == "42P01")
        {
            return ([], []); // no server has created the schema yet: no leases
        }
    }

    /// <summary>The live lease table of a running DHCP service, as lease objects.</summary>
    public static IReadOnlyList<PintLease> Live(PintConfig config, LeaseStore leases, DateTimeOffset now) =>
        leases.Snapshot().Select(l => ToPintLease(config, l, now)).OrderBy(l => System.Net.IPAddress.Parse(l.IPAddress).GetAddressBytes(), ByteOrder.Instance).ToList();

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    public static PintLease ToPintLease(PintConfig config, DhcpLease lease, DateTimeOffset now)
    {
        var reserved = config.Dhcp.Hosts.Any(h => lease.Address.Equals(h.Address) && (h.HardwareAddresses.Count == 0 || h.HardwareAddresses.Any(m => MacAddressText.SameAddress(m, lease.HardwareAddress))));
        var state = lease.Expires is { } e && e <= now
            ? PintLeaseState.Expired
            : reserved ? PintLeaseState.ActiveReservation : PintLeaseState.Active;
        var range = DhcpRangeCatalog.Containing(config, lease.Address);
        return new PintLease
        {
            IPAddress = lease.Address.ToString(),
            ClientId = lease.HardwareAddress,
            HostName = lease.HostName,
            LeaseExpiryTime = lease.Expires?.LocalDateTime,
            AddressState = state,
            ScopeId = range?.Netmask is null ? null : DhcpRangeCatalog.Network(lease.Address, range.Netmask).ToString(),
            ClientIdentifier = lease.ClientId,
        };
    }
}
