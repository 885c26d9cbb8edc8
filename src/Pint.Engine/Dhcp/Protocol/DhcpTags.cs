namespace Pint.Engine.Dhcp.Protocol;

/// <summary>The set of tags a client has during one exchange, and dnsmasq's <c>tag:</c> / <c>tag:!</c> test.</summary>
internal sealed class DhcpTags
{
    private readonly HashSet<string> _tags = new(StringComparer.Ordinal);

    public void Add(string? tag)
    {
        if (!string.IsNullOrEmpty(tag)) _tags.Add(tag);
    }

    public bool Has(string tag) => _tags.Contains(tag);

    /// <summary>True when every required tag is set and no "!tag" is.</summary>
    public bool Satisfies(IReadOnlyList<string>? required)
    {
        if (required is null) return true;
        foreach (var tag in required)
        {
            if (tag.StartsWith('!') ? _tags.Contains(tag[1..]) : !_tags.Contains(tag))
                return false;
        }
        return true;
    }
}
