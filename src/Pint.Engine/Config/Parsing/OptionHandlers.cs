using System.Collections.Frozen;

namespace Pint.Engine.Config;

/// <summary>The handler of every option Pint implements, by name. Each area registers its own.</summary>
internal static class OptionHandlers
{
    public static readonly FrozenDictionary<string, OptionHandler> All = Build();

    private static FrozenDictionary<string, OptionHandler> Build()
    {
        var handlers = new Dictionary<string, OptionHandler>(StringComparer.Ordinal);
        DnsOptionHandlers.Register(handlers);
        DhcpOptionHandlers.Register(handlers);
        TftpOptionHandlers.Register(handlers);
        // Includes are followed by the loader itself; nothing to type.
        handlers["conf-file"] = static (_, _) => { };
        handlers["conf-dir"] = static (_, _) => { };
        return handlers.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
