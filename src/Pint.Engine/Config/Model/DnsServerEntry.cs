using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>server=</c> or <c>local=</c> line. <see cref="Domains"/> is empty for a default upstream
/// (<c>server=1.1.1.1</c>); the empty string stands for dnsmasq's <c>//</c> (unqualified names).
/// </summary>
/// <param name="Interface">The <c>@interface</c> suffix, when given.</param>
public sealed record DnsServerEntry(
    IReadOnlyList<string> Domains, DnsServerKind Kind, IPAddress? Address, int Port, string? Interface, ConfigSource Source);
