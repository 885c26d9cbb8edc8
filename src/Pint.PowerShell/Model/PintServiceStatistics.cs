using Pint.Engine.Hosting.Control;

namespace Pint.PowerShell.Model;

/// <summary>
/// What Get-PintStatistics writes for one service of a running server; the typed classes beside it name each
/// counter, <see cref="Counters"/> holds them all by the control channel's names.
/// </summary>
public abstract class PintServiceStatistics
{
    /// <summary>"dns", "dhcp" or "tftp".</summary>
    public required string Service { get; init; }
    public required string ConfigPath { get; init; }
    /// <summary>"Session" for a server in this PowerShell process, else the control socket it was reached through.</summary>
    public required string Location { get; init; }
    /// <summary>Every counter by name, including those newer than this module's typed properties.</summary>
    public required IReadOnlyDictionary<string, long> Counters { get; init; }

    private protected long Read(string name) => Counters.TryGetValue(name, out var value) ? value : 0;

    /// <summary>The typed statistics of <paramref name="service"/>, or null for a service this module does not know.</summary>
    internal static PintServiceStatistics? From(ServiceStatus service, string configPath, string location)
    {
        var counters = new SortedDictionary<string, long>(service.Counters.ToDictionary(), StringComparer.Ordinal);
        return service.Name switch
        {
            "dns" => new PintDnsStatistics { Service = service.Name, ConfigPath = configPath, Location = location, Counters = counters },
            "dhcp" => new PintDhcpServerStatistics { Service = service.Name, ConfigPath = configPath, Location = location, Counters = counters },
            "tftp" => new PintTftpStatistics { Service = service.Name, ConfigPath = configPath, Location = location, Counters = counters },
            _ => null,
        };
    }
}
