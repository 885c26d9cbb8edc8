using System.Globalization;
using System.Net;
using Pint.Engine.Config;

namespace Pint.Engine.Management;

/// <summary>The upstream servers of a config (server=/domain/address#port lines) and the edits the forwarder cmdlets make.</summary>
public static class DnsForwarderCatalog
{
    public static IEnumerable<PintDnsForwarder> List(PintConfig config, string configPath) =>
        config.Dns.Servers
            .Where(s => s.Kind == DnsServerKind.Upstream && s.Address is not null)
            .Select(s => new PintDnsForwarder
            {
                IPAddress = s.Address!.ToString(),
                Port = s.Port,
                Domain = [.. s.Domains],
                Source = s.Source.File,
                Line = s.Source.Line,
                ConfigPath = configPath,
            });

    /// <summary>Appends server=[/domain/...]address[#port]; refuses the same server for the same domains twice.</summary>
    public static void Add(ConfigEditSession session, PintConfig config, IPAddress address, int port, IReadOnlyList<string>? domains)
    {
        if (port is < 1 or > ushort.MaxValue) throw new PintEditException(PintEditError.InvalidValue, $"Port {port} is outside 1..65535.");
        var cleaned = (domains ?? []).Select(d => HostNameText.Validate(d).TrimEnd('.')).ToList();
        foreach (var f in List(config, session.ConfigPath))
        {
            if (f.IPAddress == address.ToString() && f.Port == port
                && f.Domain.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(cleaned.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
                throw new PintEditException(PintEditError.AlreadyExists, $"The forwarder {f} is already at {f.Source}:{f.Line}.");
        }
        session.Append("server", DnsmasqValue.Server(address, port, cleaned));
    }

    public static void Remove(ConfigEditSession session, PintDnsForwarder forwarder)
    {
        var entry = session.Entries("server").FirstOrDefault(e => e.Source.Is(forwarder.Source, forwarder.Line))
            ?? throw new PintEditException(PintEditError.NotFound, $"The forwarder {forwarder} is no longer at {forwarder.Source}:{forwarder.Line}; the config changed. Run Get-PintDnsForwarder again.");
        session.Remove(entry);
    }

}
