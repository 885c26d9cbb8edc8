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
        var result = LeaseFile.ReadWithJournal(LeaseFilePath(config, workingDirectory));
        // Expired leases stay visible (AddressState Expired) as in Windows; released ones are gone.
        return (result.Leases.Where(l => !LeaseFile.IsRelease(l)).Select(l => ToPintLease(config, l, now)).ToList(), result.Diagnostics);
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
