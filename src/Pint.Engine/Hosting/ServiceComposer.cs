using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

/// <summary>Turns a loaded config into the services it asks for, in start order.</summary>
internal static class ServiceComposer
{
    public static IReadOnlyList<IPintService> Compose(PintConfig config, string configPath, IPintLog log)
    {
        var services = new List<IPintService>();
        return services;
    }
}
