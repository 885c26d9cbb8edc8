using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>Which kernel facility an <see cref="AddressSetRule"/> fills.</summary>
public enum AddressSetKind
{
    /// <summary><c>ipset=</c>: a kernel IP set (ipset(8)); it takes the addresses of its own family only.</summary>
    Ipset,
    /// <summary><c>nftset=</c>: a named nftables set (nft(8)).</summary>
    Nftset,
}

/// <summary>
/// One set an answer's addresses go to. For ipset only <see cref="Set"/> is used. For nftset, <see cref="Family"/>
/// is the nftables family (<c>ip</c> when the line names none, as nft itself assumes) and <see cref="Only"/> the
/// <c>4#</c>/<c>6#</c> filter: only A (or only AAAA) addresses are added; null adds both.
/// </summary>
public sealed record AddressSetTarget(string Set, string? Table = null, string Family = "ip", AddressFamily? Only = null)
{
    public override string ToString() => Table is null ? Set : $"{Family} {Table} {Set}";
}

/// <summary>
/// One <c>ipset=/domain[/domain...]/set[,set...]</c> or <c>nftset=/domain[/domain...]/[4#|6#][family#]table#set[,...]</c>
/// line. <see cref="Domains"/> are lower case; <c>""</c> stands for <c>/#/</c> and <c>//</c>, both of which dnsmasq
/// 2.90 applies to every name (observed).
/// </summary>
public sealed record AddressSetRule(AddressSetKind Kind, IReadOnlyList<string> Domains, IReadOnlyList<AddressSetTarget> Sets, ConfigSource Source);
