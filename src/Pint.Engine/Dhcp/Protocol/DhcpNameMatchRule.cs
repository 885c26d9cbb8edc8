namespace Pint.Engine.Dhcp.Protocol;

/// <summary>dhcp-name-match=set:TAG,NAME[*]: the client's hostname option equals NAME (starts with it when <paramref name="Prefix"/>), case ignored.</summary>
public sealed record DhcpNameMatchRule(string SetTag, string Name, bool Prefix)
{
    public bool Matches(string? hostName) =>
        hostName is not null && (Prefix ? hostName.StartsWith(Name, StringComparison.OrdinalIgnoreCase) : string.Equals(hostName, Name, StringComparison.OrdinalIgnoreCase));
}
