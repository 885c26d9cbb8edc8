using System.Net;
using System.Net.Sockets;
using System.Text;
using Pint.Engine.Config;

namespace Pint.Engine.Dns.Sets;

/// <summary>
/// nftset=: one <c>nft -f -</c> per batch, one <c>add element FAMILY TABLE SET { a, b }</c> line per set and address
/// family. nft applies a file as one transaction, so when it fails each line is retried alone: one missing set or
/// an IPv6 address offered to an IPv4 set (a spec without 6#/4#, which dnsmasq tries too) loses only its own line.
/// </summary>
internal sealed class NftSetWriter(ISetCommands commands, SetFailureLog failures)
{
    public async Task WriteAsync(IReadOnlyDictionary<AddressSetTarget, HashSet<IPAddress>> batch)
    {
        var lines = new List<(string Set, string Line)>();
        foreach (var (target, addresses) in batch)
        {
            foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                if (target.Only is { } only && only != family) continue;
                var elements = addresses.Where(a => a.AddressFamily == family).Select(a => a.ToString()).ToList();
                if (elements.Count == 0) continue;
                lines.Add(($"nftables set {target}", $"add element {target.Family} {target.Table} {target.Set} {{ {string.Join(", ", elements)} }}"));
            }
        }
        if (lines.Count == 0) return;

        var (code, output) = await commands.RunAsync("nft", ["-f", "-"], string.Concat(lines.Select(l => l.Line + "\n"))).ConfigureAwait(false);
        if (code == 0)
        {
            foreach (var (set, _) in lines) failures.Worked(set);
            return;
        }
        if (lines.Count == 1) { failures.Failed(lines[0].Set, FirstLine(output)); return; }
        foreach (var (set, line) in lines)
        {
            (code, output) = await commands.RunAsync("nft", ["-f", "-"], line + "\n").ConfigureAwait(false);
            if (code == 0) failures.Worked(set);
            else failures.Failed(set, FirstLine(output));
        }
    }

    /// <summary>nft repeats the failing line and marks it with carets below: the first line says what went wrong.</summary>
    internal static string FirstLine(string output)
    {
        var text = output.Trim();
        var end = text.IndexOf('\n');
        return end < 0 ? text : text[..end].TrimEnd();
    }
}
