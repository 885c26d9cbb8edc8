namespace Pint.Engine.Config;

/// <summary>The handler of every option Pint implements, by name. Each area registers its own.</summary>
internal static class OptionHandlers
{
    // Plain dictionaries for the config tables: Frozen ones would load System.Collections.Immutable and JIT its
    // generic lookup classes in the service (about 1 MiB resident) for tables read only while a config is loaded.
    public static readonly Dictionary<string, OptionHandler> All = Build();

    /// <summary>
    /// The handlers of the Pint-only options (<see cref="PintOptionCatalog"/>), kept apart from dnsmasq's so that
    /// <see cref="All"/> stays exactly the dnsmasq options Pint implements.
    /// </summary>
    public static readonly Dictionary<string, OptionHandler> Pint = BuildPint();

    /// <summary>The handler of a dnsmasq or Pint-only option, or null.</summary>
    public static OptionHandler? Find(string name) => All.GetValueOrDefault(name) ?? Pint.GetValueOrDefault(name);

    private static Dictionary<string, OptionHandler> Build()
    {
        var handlers = new Dictionary<string, OptionHandler>(StringComparer.Ordinal);
        DnsOptionHandlers.Register(handlers);
        DhcpOptionHandlers.Register(handlers);
        TftpOptionHandlers.Register(handlers);
        AddressSetHandlers.Register(handlers);
        // Includes are followed by the loader itself; nothing to type.
        handlers["conf-file"] = static (_, _) => { };
        handlers["conf-dir"] = static (_, _) => { };
        return handlers;
    }

    private static Dictionary<string, OptionHandler> BuildPint()
    {
        var handlers = new Dictionary<string, OptionHandler>(StringComparer.Ordinal);
        LeaseStoreHandlers.Register(handlers);
        return handlers;
    }
}
