using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;

namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// interface-name=NAME,INTERFACE[/4|/6]: NAME answers A and AAAA with the interface's addresses as they are now
/// (read at most once a second), and those addresses' PTR is NAME, ahead of hosts files and host-record, as dnsmasq
/// 2.90 answers (observed). An interface that is down or gone, or a type it has no address of, is no answer here:
/// the query goes on as for a name nobody knows.
/// </summary>
public sealed class InterfaceNamesHandler(IReadOnlyList<InterfaceName> entries, int localTtl, Func<IReadOnlyList<InterfaceFacts>> interfaces) : IDnsQueryHandler
{
    private sealed record Resolved(byte[] Name, byte[][] A, byte[][] Aaaa, (byte[] Reverse, byte[] Name)[] Ptr);

    private static readonly long RefreshTicks = Stopwatch.Frequency;
    private readonly uint _ttl = (uint)Math.Max(0, localTtl);
    private volatile Resolved[] _resolved = [];
    private long _resolvedAt; // 0: never read

    private readonly byte[][] _names = entries.Select(e => DnsName.FromText(e.Name)).ToArray();

    public bool IsEmpty => entries.Count == 0;

    /// <summary>Whether <paramref name="name"/> is an interface-name, with addresses now or not.</summary>
    public bool Knows(ReadOnlySpan<byte> name)
    {
        foreach (var known in _names)
            if (DnsName.EqualsIgnoreCase(known, name)) return true;
        return false;
    }

    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        var type = context.Query.Type;
        if (type is not (DnsType.A or DnsType.AAAA or DnsType.PTR)) return DnsVerdict.Continue;
        foreach (var entry in Current())
        {
            if (type == DnsType.PTR)
            {
                foreach (var (reverse, name) in entry.Ptr)
                {
                    if (!DnsName.EqualsIgnoreCase(reverse, context.Query.Name)) continue;
                    context.Response.AddNameRecord(DnsSection.Answer, context.Response.QuestionName, DnsType.PTR, _ttl, default, name);
                    return DnsVerdict.Answer(DnsRcode.NoError, true);
                }
                continue;
            }
            if (!DnsName.EqualsIgnoreCase(entry.Name, context.Query.Name)) continue;
            var addresses = type == DnsType.A ? entry.A : entry.Aaaa;
            if (addresses.Length == 0) return DnsVerdict.Continue;
            foreach (var address in addresses) context.Response.AddRecord(DnsSection.Answer, context.Response.QuestionName, type, _ttl, address);
            return DnsVerdict.Answer(DnsRcode.NoError, true);
        }
        return DnsVerdict.Continue;
    }

    private Resolved[] Current()
    {
        long now = Stopwatch.GetTimestamp();
        long at = Interlocked.Read(ref _resolvedAt);
        if (at != 0 && now - at < RefreshTicks) return _resolved;
        Interlocked.Exchange(ref _resolvedAt, now);
        return _resolved = Resolve();
    }

    private Resolved[] Resolve()
    {
        IReadOnlyList<InterfaceFacts> nics;
        try { nics = interfaces(); }
        catch (Exception e) when (e is System.Net.NetworkInformation.NetworkInformationException or IOException) { return _resolved; }
        var resolved = new List<Resolved>();
        var named = new HashSet<IPAddress>(); // the first interface-name of an address is its PTR
        foreach (var entry in entries)
        {
            var nic = nics.FirstOrDefault(n => n.Name == entry.Interface);
            var addresses = (nic?.Addresses ?? [])
                .Where(a => entry.Family is not { } f || a.AddressFamily == f)
                .Where(a => !a.IsIPv6LinkLocal)
                .ToArray();
            var name = _names[resolved.Count];
            var ptr = addresses.Where(named.Add).Select(a => (DnsName.ReverseOf(a), name)).ToArray();
            resolved.Add(new Resolved(name,
                addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => a.GetAddressBytes()).ToArray(),
                addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).Select(a => a.GetAddressBytes()).ToArray(),
                ptr));
        }
        return [.. resolved];
    }
}
