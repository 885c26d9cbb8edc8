using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// The lease file as scripts written for dnsmasq.leases read it (Pi-hole, awk one-liners): every line a live lease in
/// dnsmasq's format, one line per client.
/// </summary>
internal static class LeaseFileChecks
{
    /// <summary>
    /// What is wrong with <paramref name="text"/> as a dnsmasq lease file of live leases, or null: a line cut short,
    /// a line that does not parse, two lines for one MAC or one address, a released line, a lease expired before
    /// <paramref name="expiredBefore"/>.
    /// </summary>
    public static string? Violation(string text, DateTimeOffset expiredBefore)
    {
        if (text.Length > 0 && text[^1] != '\n') return $"partial last line: '{text[(text.LastIndexOf('\n') + 1)..]}'";
        var macs = new HashSet<string>();
        var addresses = new HashSet<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("duid ", StringComparison.Ordinal)) break; // the DHCPv6 part follows
            if (!LeaseFile.TryParseLine(line, out var lease, out var error)) return $"line '{line}': {error}";
            if (lease.Expires?.ToUnixTimeSeconds() == 1) return $"released lease listed: '{line}'";
            if (lease.IsExpiredAt(expiredBefore)) return $"expired lease listed: '{line}'";
            if (!macs.Add(lease.HardwareAddress)) return $"two lines for MAC {lease.HardwareAddress}: '{line}'";
            if (!addresses.Add(lease.Address.ToString())) return $"two lines for address {lease.Address}: '{line}'";
        }
        return null;
    }

    /// <summary>Asserts <paramref name="path"/> holds one line per live lease (see <see cref="Violation"/>); returns them.</summary>
    public static IReadOnlyList<DhcpLease> AssertOneLinePerLiveLease(string path, DateTimeOffset now)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var violation = Violation(text, now);
        Assert.True(violation is null, $"{path}: {violation}\n{text}");
        return LeaseFile.Parse(text, path).Leases;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="done"/> to hold for the lease file's leases.</summary>
    public static IReadOnlyList<DhcpLease> WaitFor(string path, Func<IReadOnlyList<DhcpLease>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var leases = File.Exists(path) ? LeaseFile.Read(path).Leases : [];
            if (done(leases) || DateTime.UtcNow > deadline) return leases;
            Thread.Sleep(20);
        }
    }
}
