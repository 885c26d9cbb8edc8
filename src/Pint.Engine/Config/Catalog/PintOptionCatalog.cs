namespace Pint.Engine.Config;

/// <summary>
/// The options Pint reads that dnsmasq does not know (issue #18: a lease database several servers share). They are
/// named <c>pint-...</c> so they can never clash with a dnsmasq option, and the cmdlets write them to a conf file of
/// their own (<c>pint-leasestore.conf</c>), which dnsmasq refuses ("bad option") but the main config stays readable
/// by dnsmasq without. The loader accepts them as it accepts the options of <see cref="DnsmasqOptionCatalog"/>.
/// </summary>
public static class PintOptionCatalog
{
    /// <summary>Every option name of this catalog starts with this.</summary>
    public const string Prefix = "pint-";

    private static readonly OptionInfo[] All =
    [
        new("pint-dhcp-failover", OptionArity.Required, true),
        new("pint-lease-store", OptionArity.Required, false),
        new("pint-server-id", OptionArity.Required, false),
    ];

    private static readonly Dictionary<string, OptionInfo> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The Pint-only options, sorted by name.</summary>
    public static IReadOnlyList<OptionInfo> Options => All;

    /// <summary>Looks a Pint-only option up by its exact (case-sensitive) name.</summary>
    public static OptionInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>A dnsmasq option or a Pint-only one: what a config line may name.</summary>
    public static OptionInfo? FindAny(string name) => DnsmasqOptionCatalog.Find(name) ?? Find(name);

    /// <summary>
    /// The implemented option, dnsmasq's or Pint's, closest to <paramref name="name"/> for a "did you mean" hint (the
    /// same rule as <see cref="DnsmasqOptionCatalog.SuggestImplemented"/>); null when nothing is close enough.
    /// </summary>
    public static string? SuggestImplemented(string name)
    {
        var dnsmasq = DnsmasqOptionCatalog.SuggestImplemented(name);
        if (name.Length > All.Max(o => o.Name.Length) + 3) return dnsmasq;
        var lower = name.ToLowerInvariant();
        var best = All.Where(o => o.Implemented).Select(o => (o.Name, Distance: EditDistance.Between(lower, o.Name))).MinBy(x => x.Distance);
        if (best.Name is null || best.Distance > Math.Clamp(name.Length / 3, 1, 3)) return dnsmasq;
        return dnsmasq is null || best.Distance < EditDistance.Between(lower, dnsmasq) ? best.Name : dnsmasq;
    }
}
