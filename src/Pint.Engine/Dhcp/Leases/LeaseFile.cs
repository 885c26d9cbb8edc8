using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pint.Engine.Config;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// Reads and writes dnsmasq's lease file: one DHCPv4 lease a line,
/// <c>&lt;expiry-epoch-seconds&gt; &lt;hwaddr&gt; &lt;ip&gt; &lt;hostname|*&gt; &lt;client-id|*&gt;</c> (expiry 0 = infinite),
/// then optionally a <c>duid &lt;hex&gt;</c> line followed by DHCPv6 leases.
/// A server keeps the file a snapshot of its live leases, as dnsmasq does, and journals every change before its ACK
/// in <c>&lt;leasefile&gt;.journal</c> (same line format, appended) until the next snapshot takes it in; what the
/// server holds is the file with its journal replayed over it (<see cref="ReadWithJournal"/>).
/// Reading is tolerant: a bad line is reported with file and line and skipped, never fatal.
/// </summary>
public static class LeaseFile
{
    private const string DuidKeyword = "duid";

    /// <summary>The expiry a release is journaled with: the epoch's first second, which dnsmasq also reads as "gone".</summary>
    public static readonly DateTimeOffset ReleasedExpiry = DateTimeOffset.FromUnixTimeSeconds(1);

    /// <summary>True for a record that ends a lease (a release or a removal), rather than one that expired.</summary>
    public static bool IsRelease(DhcpLease lease) => lease.Expires is { } end && end <= ReleasedExpiry;

    /// <summary>The journal beside a lease file: <c>&lt;leasefile&gt;.journal</c>.</summary>
    public static string JournalPath(string leaseFile) => Path.GetFullPath(leaseFile) + ".journal";

    /// <summary>
    /// The leases as a server holds them: the file, then its journal replayed over it (a journal line supersedes the
    /// file's line for the same address). A file without a journal (a dnsmasq file, a server stopped cleanly) reads
    /// as it is. Diagnostics name the file they come from.
    /// </summary>
    public static LeaseFileReadResult ReadWithJournal(string path)
    {
        // The journal first: the server cuts it back only after a snapshot holding its lines has been renamed into
        // place, so a lease missing from the journal read here is in the file read next. Read the other way round,
        // a snapshot landing between the two reads would hide the leases it took over from the journal.
        var journal = Read(JournalPath(path), isJournal: true);
        var file = Read(path);
        return journal.Leases.Count == 0 && journal.Diagnostics.Count == 0 && journal.DuidLine is null && journal.Dhcp6Lines.Count == 0
            ? file
            : file.ReplayedWith(journal);
    }

    /// <summary>Reads a lease file; a file that does not exist reads as empty.</summary>
    public static LeaseFileReadResult Read(string path) => Read(path, isJournal: false);

    /// <param name="isJournal">
    /// A journal: a DHCPv6 record (an IPv6 address field) reads as DHCPv6 even where no <c>duid</c> line precedes it,
    /// as a journal cut back after a snapshot starts wherever the records after that snapshot start.
    /// </param>
    private static LeaseFileReadResult Read(string path, bool isJournal)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return LeaseFileReadResult.Empty;
        }
        catch (DirectoryNotFoundException)
        {
            return LeaseFileReadResult.Empty;
        }
        return Parse(text, path, isJournal);
    }

    /// <summary>Parses lease file text; <paramref name="fileName"/> names the source in diagnostics.</summary>
    public static LeaseFileReadResult Parse(string text, string fileName) => Parse(text, fileName, isJournal: false);

    internal static LeaseFileReadResult Parse(string text, string fileName, bool isJournal)
    {
        // Later lines for an address supersede earlier ones: a dnsmasq file has one line an address, a journal many.
        var byAddress = new Dictionary<IPAddress, (int Order, DhcpLease Lease)>();
        var diagnostics = new List<ConfigDiagnostic>();
        var dhcp6Lines = new List<string>();
        string? duidLine = null;
        var order = 0;
        var lineNumber = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            lineNumber++;
            var end = rest.IndexOf('\n');
            var complete = end >= 0;
            var line = (complete ? rest[..end] : rest).TrimEnd('\r');
            rest = complete ? rest[(end + 1)..] : [];
            if (line.IsWhiteSpace()) continue;

            if (!complete)
            {
                // Every record is written with its newline; a last line without one was cut off by a crash
                // mid-write, and its final field may be silently shortened, so it cannot be trusted.
                diagnostics.Add(new(fileName, lineNumber, null, DiagnosticSeverity.Warning,
                    "incomplete last line (no newline; torn write?) ignored"));
                break;
            }
            // Like dnsmasq, the address field decides the family per line, so DHCPv4 records appended
            // after the DHCPv6 section still read as DHCPv4.
            if ((duidLine is not null || (isJournal && HasIPv6AddressField(line))) && !HasIPv4AddressField(line)
                && !(isJournal && line.StartsWith(DuidKeyword + " ", StringComparison.Ordinal)))
            {
                dhcp6Lines.Add(line.ToString());
                continue;
            }
            if (line.StartsWith(DuidKeyword + " ", StringComparison.Ordinal))
            {
                duidLine = line.ToString();
                continue;
            }
            if (TryParseLine(line, out var lease, out var error))
                byAddress[lease.Address] = (order++, lease);
            else
                diagnostics.Add(new(fileName, lineNumber, null, DiagnosticSeverity.Warning, error + "; line ignored"));
        }
        var leases = byAddress.Values.OrderBy(v => v.Order).Select(v => v.Lease).ToArray();
        return new LeaseFileReadResult(leases, diagnostics, duidLine, dhcp6Lines);
    }

    private static bool HasIPv4AddressField(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[4];
        var count = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        return count >= 3 && line[fields[2]].Contains('.') && !line[fields[2]].Contains(':');
    }

    private static bool HasIPv6AddressField(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[4];
        var count = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        return count >= 3 && line[fields[2]].Contains(':');
    }

    /// <summary>
    /// The key a DHCPv6 lease line is superseded by: its address (field 3) in canonical form, as a later record for the
    /// same address replaces it; a line without a readable address is its own key (kept as it is).
    /// </summary>
    internal static string Dhcp6Key(string line)
    {
        var fields = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 3 && IPAddress.TryParse(fields[2], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? address.ToString()
            : line;
    }

    /// <summary>True for a DHCPv6 record that ends a binding: expiry <see cref="ReleasedExpiry"/> (1; 0 is infinite).</summary>
    internal static bool IsDhcp6Release(string line) => line.StartsWith("1 ", StringComparison.Ordinal);

    /// <summary>Parses one DHCPv4 lease line; on failure <paramref name="error"/> says which field is wrong.</summary>
    public static bool TryParseLine(ReadOnlySpan<char> line, out DhcpLease lease, out string error)
    {
        lease = null!;
        Span<Range> fields = stackalloc Range[6];
        var count = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (count != 5)
        {
            error = count < 5
                ? $"expected 5 fields (expiry hwaddr ip hostname client-id), found {count}"
                : "expected 5 fields (expiry hwaddr ip hostname client-id), found more";
            return false;
        }
        var expiryText = line[fields[0]];
        var hwText = line[fields[1]];
        var ipText = line[fields[2]];
        var nameText = line[fields[3]];
        var clientIdText = line[fields[4]];

        if (!long.TryParse(expiryText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || expiry > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            error = $"bad expiry time '{expiryText}' (expected seconds since 1970, 0 for infinite)";
            return false;
        }
        if (!HexText.TryParseHardwareAddress(hwText, out _, out _))
        {
            error = $"bad hardware address '{hwText}'";
            return false;
        }
        if (!IPAddress.TryParse(ipText, out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || ipText.Count('.') != 3)
        {
            error = $"bad IPv4 address '{ipText}'";
            return false;
        }
        if (clientIdText is not "*" && !HexText.TryParse(clientIdText, out _))
        {
            error = $"bad client identifier '{clientIdText}'";
            return false;
        }
        lease = new DhcpLease(
            address,
            hwText.ToString().ToLowerInvariant(),
            nameText is "*" ? null : nameText.ToString(),
            clientIdText is "*" ? null : clientIdText.ToString().ToLowerInvariant(),
            expiry == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(expiry));
        error = string.Empty;
        return true;
    }

    /// <summary>Writes one lease as a dnsmasq lease line, newline included.</summary>
    public static void FormatLine(DhcpLease lease, TextWriter writer) => writer.Write(FormatLine(lease));

    /// <summary>Formats one lease as a dnsmasq lease line, newline included.</summary>
    public static string FormatLine(DhcpLease lease)
    {
        var expiry = lease.Expires is { } end ? Math.Max(1, end.ToUnixTimeSeconds()) : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{expiry} {lease.HardwareAddress} {lease.Address} {lease.HostName ?? "*"} {lease.ClientId ?? "*"}\n");
    }

    /// <summary>Writes a whole lease file: the leases, then the DHCPv6 DUID line and lines if any.</summary>
    public static void Write(TextWriter writer, IEnumerable<DhcpLease> leases, string? duidLine, IEnumerable<string> dhcp6Lines)
    {
        foreach (var lease in leases) FormatLine(lease, writer);
        if (duidLine is null) return;
        writer.Write(duidLine);
        writer.Write('\n');
        foreach (var line in dhcp6Lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Replaces the whole file so that a crash at any moment leaves either the old or the new file, and a reader
    /// sees one or the other, never part of a line: a temporary file beside it (<c>&lt;leasefile&gt;.new</c>) written
    /// and fsync'ed, given the old file's permissions, renamed over it, then the directory fsync'ed so the rename lasts.
    /// </summary>
    public static void WriteAtomically(string path, IEnumerable<DhcpLease> leases, string? duidLine, IEnumerable<string> dhcp6Lines) =>
        WriteAtomically(path, writer => Write(writer, leases, duidLine, dhcp6Lines));

    /// <summary>
    /// As <see cref="WriteAtomically(string, IEnumerable{DhcpLease}, string?, IEnumerable{string})"/>, from lease lines
    /// already formatted (<see cref="FormatLine(DhcpLease)"/> in UTF-8): the lease store keeps each durable lease's line.
    /// </summary>
    internal static void WriteAtomically(string path, IReadOnlyList<byte[]> leaseLines, string? duidLine, IEnumerable<string> dhcp6Lines) =>
        WriteAtomically(path, writer =>
        {
            writer.Flush();
            foreach (var line in leaseLines) writer.BaseStream.Write(line);
            Write(writer, [], duidLine, dhcp6Lines);
        });

    /// <summary>
    /// As above, with the DHCPv6 lease lines formatted too (UTF-8, each with its newline): the lease disk writer keeps
    /// the line of every durable lease of both families. No DUID line: no DHCPv6 part, as dnsmasq writes none.
    /// </summary>
    internal static void WriteAtomically(string path, IReadOnlyList<byte[]> leaseLines, string? duidLine, IReadOnlyList<byte[]> dhcp6Lines) =>
        WriteAtomically(path, writer =>
        {
            writer.Flush();
            foreach (var line in leaseLines) writer.BaseStream.Write(line);
            if (duidLine is null) return;
            writer.BaseStream.Write(Encoding.UTF8.GetBytes(duidLine + "\n"));
            foreach (var line in dhcp6Lines) writer.BaseStream.Write(line);
        });

    private static void WriteAtomically(string path, Action<StreamWriter> write)
    {
        path = Path.GetFullPath(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(writer);
        }, path + ".new");
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }
}
