using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Script;

/// <summary>
/// Builds the script calls dnsmasq 2.90 makes, with its DNSMASQ_* variables, as observed against the real dnsmasq:
/// an ACK of a new lease is "add" and of an existing one "old" (every renewal, not only changes), a name change is an
/// "old" without a name carrying DNSMASQ_OLD_HOSTNAME and then an "old" with the new one; a release, decline or expiry
/// is "del" with only what the lease file holds (DNSMASQ_DATA_MISSING=1). The request's own data (supplied name,
/// classes, requested options, tags) exists only for the exchange, so it is read here, at the moment of the change.
/// </summary>
public static class LeaseScriptEvents
{
    /// <summary>The calls for a lease just committed by an ACK to <paramref name="request"/>.</summary>
    /// <param name="previous">The lease that held the address before the commit, or null.</param>
    /// <param name="retired">The client's lease on another address that the commit ended, or null.</param>
    public static IReadOnlyList<LeaseScriptEvent> ForCommit(
        DhcpLease lease, DhcpLease? previous, DhcpLease? retired, DhcpRequest request, DhcpReceiveContext context,
        DhcpServerOptions options, LeaseStore leases, DateTimeOffset now)
    {
        var events = new List<LeaseScriptEvent>(2);
        if (retired is not null) events.Add(Ended(retired, context.InterfaceName, options.Domain));
        var env = Transaction(lease, request, context, options, leases, now);
        var sameClient = previous is not null
            && (string.Equals(previous.HardwareAddress, lease.HardwareAddress, StringComparison.OrdinalIgnoreCase)
                || (previous.ClientId is not null && string.Equals(previous.ClientId, lease.ClientId, StringComparison.OrdinalIgnoreCase)));
        if (previous is not null && !sameClient)
        {
            events.Add(Ended(previous, context.InterfaceName, options.Domain));
            previous = null;
        }
        if (previous is null)
        {
            events.Add(new LeaseScriptEvent(LeaseScriptAction.Add, lease.HardwareAddress, lease.Address, lease.HostName, Domain(env, lease.HostName, options.Domain)));
            return events;
        }
        if (previous.HostName is { } oldName && !string.Equals(oldName, lease.HostName, StringComparison.Ordinal))
        {
            // dnsmasq first reports the lease without its former name, then (if it has one) with the new name.
            var without = new Dictionary<string, string>(env) { ["DNSMASQ_OLD_HOSTNAME"] = oldName };
            events.Add(new LeaseScriptEvent(LeaseScriptAction.Old, lease.HardwareAddress, lease.Address, null, Domain(without, lease.HostName, options.Domain)));
            if (lease.HostName is null) return events;
        }
        events.Add(new LeaseScriptEvent(LeaseScriptAction.Old, lease.HardwareAddress, lease.Address, lease.HostName, Domain(env, lease.HostName, options.Domain)));
        return events;
    }

    /// <summary>"del" for a lease that was released, declined, expired or removed while the server ran.</summary>
    public static LeaseScriptEvent Ended(DhcpLease lease, string? interfaceName, string? domain)
    {
        var env = Stored(lease, missing: true);
        if (interfaceName is not null) env["DNSMASQ_INTERFACE"] = interfaceName;
        return new LeaseScriptEvent(LeaseScriptAction.Del, lease.HardwareAddress, lease.Address, lease.HostName, Domain(env, lease.HostName, domain));
    }

    /// <summary>"old" for a live lease read from the lease file at start-up.</summary>
    public static LeaseScriptEvent AtStartup(DhcpLease lease, string? interfaceName, string? domain, DateTimeOffset now)
    {
        var env = Stored(lease, missing: true);
        if (interfaceName is not null) env["DNSMASQ_INTERFACE"] = interfaceName;
        Remaining(env, lease, now);
        return new LeaseScriptEvent(LeaseScriptAction.Old, lease.HardwareAddress, lease.Address, lease.HostName, Domain(env, lease.HostName, domain));
    }

    /// <summary>"del" for a lease found already expired in the lease file at start-up: dnsmasq gives no interface or domain then.</summary>
    public static LeaseScriptEvent ExpiredAtStartup(DhcpLease lease) =>
        new(LeaseScriptAction.Del, lease.HardwareAddress, lease.Address, lease.HostName, Stored(lease, missing: true));

    /// <summary>
    /// The system's IPv4 networks, by interface, read once: dnsmasq names the interface of each lease read at start-up
    /// by the network its address is on (see <see cref="InterfaceFor"/>).
    /// </summary>
    public static IReadOnlyList<(string Interface, uint Network, uint Mask)> Networks()
    {
        var networks = new List<(string, uint, uint)>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily != AddressFamily.InterNetwork) continue;
                    var mask = Ipv4.MaskOf(unicast.PrefixLength);
                    networks.Add((nic.Name, Ipv4.ToValue(unicast.Address) & mask, mask));
                }
        }
        catch (NetworkInformationException) { }
        return networks;
    }

    /// <summary>The first interface of <paramref name="networks"/> whose network holds <paramref name="address"/>, or null.</summary>
    public static string? InterfaceFor(IPAddress address, IReadOnlyList<(string Interface, uint Network, uint Mask)> networks)
    {
        var value = Ipv4.ToValue(address);
        foreach (var (name, network, mask) in networks)
            if ((value & mask) == network) return name;
        return null;
    }

    // What the lease file holds, which is all a "del" or a start-up "old" carries.
    private static Dictionary<string, string> Stored(DhcpLease lease, bool missing)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DNSMASQ_LEASE_EXPIRES"] = Seconds(lease.Expires),
        };
        if (lease.ClientId is { } id) env["DNSMASQ_CLIENT_ID"] = id;
        if (missing) env["DNSMASQ_DATA_MISSING"] = "1";
        return env;
    }

    private static Dictionary<string, string> Transaction(DhcpLease lease, DhcpRequest request, DhcpReceiveContext context, DhcpServerOptions options, LeaseStore leases, DateTimeOffset now)
    {
        var env = Stored(lease, missing: false);
        Remaining(env, lease, now);
        if (context.InterfaceName is { } nic) env["DNSMASQ_INTERFACE"] = nic;
        if (request.RelayAddress != 0) env["DNSMASQ_RELAY_ADDRESS"] = Ipv4.ToAddress(request.RelayAddress).ToString();
        if (options.LogDhcp) env["DNSMASQ_LOG_DHCP"] = "1";
        if (request.TryGetOption(DhcpOptionCode.HostName, out var name) && Text(name) is { Length: > 0 } supplied)
            env["DNSMASQ_SUPPLIED_HOSTNAME"] = supplied;
        if (request.TryGetOption(DhcpOptionCode.VendorClass, out var vendor) && vendor.Length > 0)
            env["DNSMASQ_VENDOR_CLASS"] = Text(vendor);
        if (request.TryGetOption(DhcpOptionCode.UserClass, out var userClass))
        {
            var n = 0;
            foreach (var c in UserClasses(userClass)) env[$"DNSMASQ_USER_CLASS{n++}"] = c;
        }
        if (request.HasParameterRequestList)
            env["DNSMASQ_REQUESTED_OPTIONS"] = string.Join(',', request.ParameterRequestList.ToArray().Select(b => b.ToString(CultureInfo.InvariantCulture)));
        if (request.TryGetOption(MudUrl, out var mud) && mud.Length > 0) env["DNSMASQ_MUD_URL"] = Text(mud);
        env["DNSMASQ_TAGS"] = string.Join(' ', LeaseScriptTags.For(request, context, options, leases, now, Ipv4.ToValue(lease.Address)));
        return env;
    }

    private const byte MudUrl = 161; // RFC 8520

    private static void Remaining(Dictionary<string, string> env, DhcpLease lease, DateTimeOffset now)
    {
        // Infinite leases have no end to count down to: dnsmasq then sets only DNSMASQ_LEASE_EXPIRES=0.
        if (lease.Expires is { } end)
            env["DNSMASQ_TIME_REMAINING"] = Math.Max(0, end.ToUnixTimeSeconds() - now.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
    }

    // DNSMASQ_DOMAIN is the domain part of the host's FQDN, so only a lease with a name has one.
    private static Dictionary<string, string> Domain(IReadOnlyDictionary<string, string> env, string? hostName, string? domain)
    {
        var copy = new Dictionary<string, string>(env, StringComparer.Ordinal);
        if (hostName is not null && !string.IsNullOrEmpty(domain)) copy["DNSMASQ_DOMAIN"] = domain.TrimEnd('.');
        else copy.Remove("DNSMASQ_DOMAIN");
        return copy;
    }

    private static string Seconds(DateTimeOffset? at) => (at?.ToUnixTimeSeconds() ?? 0).ToString(CultureInfo.InvariantCulture);

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value).TrimEnd('\0');

    /// <summary>Option 77 as RFC 3004 length-prefixed classes; a value that is not in that form is one class, as clients predating it send.</summary>
    internal static IReadOnlyList<string> UserClasses(ReadOnlySpan<byte> value)
    {
        var classes = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            var length = value[i];
            if (length == 0 || i + 1 + length > value.Length) return value.Length > 0 ? [Text(value)] : [];
            classes.Add(Text(value.Slice(i + 1, length)));
            i += 1 + length;
        }
        return classes;
    }
}
