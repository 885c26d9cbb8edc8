using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp6.Protocol;

namespace Pint.Engine.Dhcp6.Server;

/// <summary>
/// The DHCPv6 part of dnsmasq's lease file: after the IPv4 lines a <c>duid SERVER-DUID</c> line, then one line a
/// lease, <c>EXPIRY IAID ADDRESS HOSTNAME|* CLIENT-DUID</c> (expiry in Unix seconds, 0 = infinite; IAID in decimal).
/// Written whole and atomically through <see cref="LeaseFile.WriteAtomically(string, IEnumerable{DhcpLease}, string?, IEnumerable{string})"/>
/// (temporary file, fsync, rename, directory fsync), keeping the IPv4 leases the file held.
/// </summary>
public static class Dhcp6LeaseFile
{
    public sealed record Contents(byte[]? ServerDuid, IReadOnlyList<Dhcp6Lease> Leases, IReadOnlyList<DhcpLease> IPv4Leases, IReadOnlyList<string> Problems);

    public static Contents Read(string path)
    {
        var file = LeaseFile.ReadWithJournal(path);
        var problems = file.Diagnostics.Select(d => d.ToString()).ToList();
        byte[]? duid = null;
        if (file.DuidLine is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && Dhcp6Duid.TryParse(parts[1], out var d)) duid = d;
            else problems.Add($"{path}: bad duid line '{line}'");
        }
        var leases = new List<Dhcp6Lease>();
        foreach (var l in file.Dhcp6Lines)
        {
            if (TryParseLine(l, out var lease)) leases.Add(lease!);
            else if (!l.StartsWith('T')) problems.Add($"{path}: bad DHCPv6 lease line '{l}'");
        }
        return new Contents(duid, leases, file.Leases.Where(x => !LeaseFile.IsRelease(x)).ToList(), problems);
    }

    public static bool TryParseLine(string line, out Dhcp6Lease? lease)
    {
        lease = null;
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 5) return false;
        if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return false;
        if (!uint.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iaid)) return false; // "T..." = IA_TA, not served
        if (!IPAddress.TryParse(f[2], out var address) || address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (!Dhcp6Duid.TryParse(f[4], out var client)) return false;
        lease = new Dhcp6Lease(client, iaid, address, expiry == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(expiry), f[3] == "*" ? null : f[3]);
        return true;
    }

    public static string FormatLine(Dhcp6Lease lease) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(lease.Expires is { } e ? e.ToUnixTimeSeconds() : 0)} {lease.Iaid} {lease.Address} {lease.HostName ?? "*"} {lease.ClientIdText}");

    public static void Write(string path, IReadOnlyList<DhcpLease> ipv4Leases, byte[] serverDuid, IEnumerable<Dhcp6Lease> leases) =>
        LeaseFile.WriteAtomically(path, ipv4Leases, "duid " + Dhcp6Duid.Format(serverDuid), leases.Select(FormatLine).ToList());
}
