using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;

namespace Pint.Engine.Dns.Sets;

/// <summary>
/// ipset=: one <c>ipset -exist restore</c> per batch with an <c>add SET ADDRESS</c> line per address. An ipset holds
/// one family, which <c>ipset list -t</c> tells once per set: only addresses of that family are offered, where
/// dnsmasq offers every address to every set and lets the kernel refuse (the same addresses land either way).
/// restore stops at the first bad line, so on failure each line is retried alone.
/// </summary>
internal sealed class IpsetWriter(ISetCommands commands, SetFailureLog failures)
{
    /// <summary>Set name -> its family (null: a set type without one, such as list:set, which is offered both).</summary>
    private readonly Dictionary<string, AddressFamily?> _families = new(StringComparer.Ordinal);

    public async Task WriteAsync(IReadOnlyDictionary<AddressSetTarget, HashSet<IPAddress>> batch)
    {
        var lines = new List<(string Set, string Name, IPAddress Address)>();
        foreach (var (target, addresses) in batch)
        {
            var (readable, family) = await FamilyAsync(target.Set).ConfigureAwait(false);
            if (!readable) continue; // no such set, or no ipset tool: reported
            foreach (var a in addresses)
                if (family is null || a.AddressFamily == family) lines.Add(($"ipset {target.Set}", target.Set, a));
        }
        if (lines.Count == 0) return;

        var input = string.Concat(lines.Select(l => $"add {l.Name} {l.Address}\n"));
        var (code, output) = await commands.RunAsync("ipset", ["-exist", "restore"], input).ConfigureAwait(false);
        if (code == 0)
        {
            foreach (var l in lines) failures.Worked(l.Set);
            return;
        }
        foreach (var group in lines.GroupBy(l => l.Set))
        {
            string? error = null;
            foreach (var l in group)
            {
                (code, output) = await commands.RunAsync("ipset", ["add", l.Name, l.Address.ToString(), "-exist"], null).ConfigureAwait(false);
                if (code != 0) error ??= NftSetWriter.FirstLine(output);
            }
            if (error is null) failures.Worked(group.Key);
            else failures.Failed(group.Key, error);
        }
        // A set that failed may have been deleted and made again with another family: ask next time.
        foreach (var l in lines) if (failures.IsFailing(l.Set)) _families.Remove(l.Name);
    }

    /// <summary>
    /// The set's family, asked once. Not readable (no such set, no tool) is reported and asked again with the next
    /// batch: sets are often made after the DNS server starts.
    /// </summary>
    private async Task<(bool Readable, AddressFamily? Family)> FamilyAsync(string set)
    {
        if (_families.TryGetValue(set, out var known)) return (true, known);
        var (code, output) = await commands.RunAsync("ipset", ["list", "-t", set], null).ConfigureAwait(false);
        if (code != 0)
        {
            failures.Failed($"ipset {set}", NftSetWriter.FirstLine(output));
            return (false, null);
        }
        AddressFamily? family = output.Contains("family inet6", StringComparison.Ordinal) ? AddressFamily.InterNetworkV6
            : output.Contains("family inet", StringComparison.Ordinal) ? AddressFamily.InterNetwork : null;
        _families[set] = family;
        return (true, family);
    }
}
