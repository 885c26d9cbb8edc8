using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;

namespace Pint.Engine.Management;

/// <summary>
/// The named hosts of a config, as Get-PintHost lists them, and the edits Add/Set/Remove-PintHost make:
/// host-record= lines for names, dhcp-host= lines for reservations. Hosts files are listed but never edited.
/// </summary>
public static class HostCatalog
{
    public static IEnumerable<PintHost> List(PintConfig config, string configPath)
    {
        foreach (var r in config.Dns.HostRecords)
            foreach (var name in r.Names)
                foreach (var address in Addresses(r))
                    yield return new PintHost { Name = name, IPAddress = address.ToString(), Kind = PintHostKind.HostRecord, Source = r.Source.File, Line = r.Source.Line, ConfigPath = configPath };
        foreach (var h in config.Dhcp.Hosts)
        {
            if (h.HostName is null && h.Address is null) continue;
            yield return new PintHost
            {
                Name = h.HostName ?? string.Empty,
                IPAddress = h.Address?.ToString(),
                MacAddress = h.HardwareAddresses.Count > 0 ? h.HardwareAddresses[0] : null,
                Kind = PintHostKind.Reservation,
                Source = h.Source.File,
                Line = h.Source.Line,
                ConfigPath = configPath,
            };
        }
        foreach (var e in config.Dns.AddnHostsEntries)
            foreach (var name in e.Names)
                yield return new PintHost { Name = name, IPAddress = e.Address.ToString(), Kind = PintHostKind.HostsFile, Source = e.Source.File, Line = e.Source.Line, ConfigPath = configPath };
    }

    /// <summary>Adds a name: a dhcp-host=mac,name,ip reservation when a MAC is given, a host-record= otherwise.</summary>
    public static void Add(ConfigEditSession session, PintConfig config, string name, IPAddress? address, string? mac)
    {
        name = HostNameText.Validate(name);
        if (mac is not null)
        {
            mac = MacAddressText.Normalize(mac);
            if (address is not null && address.AddressFamily != AddressFamily.InterNetwork)
                throw new PintEditException(PintEditError.InvalidValue, $"A DHCP reservation needs an IPv4 address; '{address}' is not one.");
            foreach (var h in config.Dhcp.Hosts)
            {
                if (h.HardwareAddresses.Any(m => MacAddressText.SameAddress(m, mac)))
                    throw new PintEditException(PintEditError.AlreadyExists, $"MAC {mac} is already reserved at {h.Source}. Use Set-PintHost to change it.");
                if (address is not null && address.Equals(h.Address))
                    throw new PintEditException(PintEditError.AlreadyExists, $"Address {address} is already reserved for {Describe(h)} at {h.Source}.");
            }
            session.Append("dhcp-host", DnsmasqValue.Of(mac, name).Add(address));
            return;
        }
        if (address is null)
            throw new PintEditException(PintEditError.InvalidValue, $"Host '{name}' needs an IP address (or a MAC address for a reservation).");
        foreach (var r in config.Dns.HostRecords)
        {
            if (r.Names.Any(n => NameEquals(n, name)) && Addresses(r).Any(a => a.AddressFamily == address.AddressFamily))
                throw new PintEditException(PintEditError.AlreadyExists, $"Host '{name}' already has an {(address.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address at {r.Source}. Use Set-PintHost to change it.");
        }
        session.Append("host-record", DnsmasqValue.HostRecord([name], [address], null));
    }

    /// <summary>Removes <paramref name="host"/>: the name from its host-record (the line when no name is left), or the whole reservation.</summary>
    public static void Remove(ConfigEditSession session, PintConfig config, PintHost host)
    {
        switch (host.Kind)
        {
            case PintHostKind.HostRecord:
            {
                var (record, entry) = FindRecord(session, config, host);
                var names = record.Names.Where(n => !NameEquals(n, host.Name)).ToList();
                var addresses = Addresses(record).ToList();
                if (names.Count == record.Names.Count) throw NotFound(host);
                if (names.Count == 0) session.Remove(entry);
                else session.Replace(entry, DnsmasqValue.HostRecord(names, addresses, record.Ttl));
                break;
            }
            case PintHostKind.Reservation:
            {
                var (_, entry) = FindReservation(session, config, host);
                session.Remove(entry);
                break;
            }
            default:
                throw new PintEditException(PintEditError.ReadOnlySource, $"'{host.Name}' comes from the hosts file {host.Source}:{host.Line}; Pint does not edit hosts files. Edit that file instead.");
        }
    }

    /// <summary>Changes a host's name, address or MAC in place, keeping the rest of its line.</summary>
    public static void Set(ConfigEditSession session, PintConfig config, PintHost host, string? newName, IPAddress? newAddress, string? newMac)
    {
        if (newName is not null) newName = HostNameText.Validate(newName);
        switch (host.Kind)
        {
            case PintHostKind.HostRecord:
            {
                if (newMac is not null)
                    throw new PintEditException(PintEditError.InvalidValue, $"'{host.Name}' is a host-record without a MAC; remove it and add a reservation with -MacAddress instead.");
                var (record, entry) = FindRecord(session, config, host);
                var names = record.Names.Select(n => newName is not null && NameEquals(n, host.Name) ? newName : n).ToList();
                var addresses = Addresses(record).ToList();
                if (newAddress is not null)
                {
                    var i = addresses.FindIndex(a => a.AddressFamily == newAddress.AddressFamily);
                    if (i >= 0) addresses[i] = newAddress; else addresses.Add(newAddress);
                }
                session.Replace(entry, DnsmasqValue.HostRecord(names, addresses, record.Ttl));
                break;
            }
            case PintHostKind.Reservation:
            {
                var (h, entry) = FindReservation(session, config, host);
                if (newAddress is not null && newAddress.AddressFamily != AddressFamily.InterNetwork)
                    throw new PintEditException(PintEditError.InvalidValue, $"A DHCP reservation needs an IPv4 address; '{newAddress}' is not one.");
                // Change only the fields asked for, in place, so tags, lease time and field order stay as written.
                var fields = (entry.Value ?? string.Empty).Split(',').ToList();
                if (newMac is not null)
                    ReplaceField(fields, f => h.HardwareAddresses.Count > 0 && string.Equals(f.Trim(), h.HardwareAddresses[0], StringComparison.OrdinalIgnoreCase), MacAddressText.Normalize(newMac), atStart: true);
                if (newName is not null)
                    ReplaceField(fields, f => h.HostName is not null && string.Equals(f.Trim(), h.HostName, StringComparison.OrdinalIgnoreCase), newName, atStart: false);
                if (newAddress is not null)
                    ReplaceField(fields, f => h.Address is not null && IPAddress.TryParse(f.Trim(), out var a) && a.Equals(h.Address), newAddress.ToString(), atStart: false);
                session.Replace(entry, DnsmasqValue.Of(fields));
                break;
            }
            default:
                throw new PintEditException(PintEditError.ReadOnlySource, $"'{host.Name}' comes from the hosts file {host.Source}:{host.Line}; Pint does not edit hosts files. Edit that file instead.");
        }
    }

    private static void ReplaceField(List<string> fields, Func<string, bool> isOld, string value, bool atStart)
    {
        var i = fields.FindIndex(f => isOld(f));
        if (i >= 0) fields[i] = value;
        else if (atStart) fields.Insert(0, value);
        else fields.Add(value);
    }


    public static bool NameEquals(string a, string b) => string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<IPAddress> Addresses(HostRecord r)
    {
        if (r.IPv4 is not null) yield return r.IPv4;
        if (r.IPv6 is not null) yield return r.IPv6;
    }

    private static string Describe(DhcpHost h) => h.HostName ?? (h.HardwareAddresses.Count > 0 ? h.HardwareAddresses[0] : h.ClientId ?? "another host");

    private static (HostRecord, ConfigEntry) FindRecord(ConfigEditSession session, PintConfig config, PintHost host)
    {
        var record = config.Dns.HostRecords.FirstOrDefault(r => SameSource(r.Source, host)) ?? throw NotFound(host);
        return (record, session.EntryAt("host-record", record.Source) ?? throw NotFound(host));
    }

    private static (DhcpHost, ConfigEntry) FindReservation(ConfigEditSession session, PintConfig config, PintHost host)
    {
        var h = config.Dhcp.Hosts.FirstOrDefault(x => SameSource(x.Source, host)) ?? throw NotFound(host);
        return (h, session.EntryAt("dhcp-host", h.Source) ?? throw NotFound(host));
    }


    private static bool SameSource(ConfigSource s, PintHost host) => s.Is(host.Source, host.Line);

    private static PintEditException NotFound(PintHost host) =>
        new(PintEditError.NotFound, $"Host '{host.Name}' is no longer at {host.Source}:{host.Line}; the config changed. Run Get-PintHost again.");
}
