using System.Diagnostics.Metrics;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Metrics;

namespace Pint.Engine.Dhcp.Server;

/// <summary>The "Pint.Dhcp" meter, read from the live servers' <see cref="DhcpServerCounters"/> when a listener collects.</summary>
public static class DhcpMetrics
{
    public const string MeterName = "Pint.Dhcp";

    private static readonly DhcpMessageType[] ClientMessages =
        [DhcpMessageType.Discover, DhcpMessageType.Request, DhcpMessageType.Decline, DhcpMessageType.Release, DhcpMessageType.Inform];
    private static readonly DhcpMessageType[] ServerMessages = [DhcpMessageType.Offer, DhcpMessageType.Ack, DhcpMessageType.Nak];
    private static readonly DhcpDropReason[] Reasons = Enum.GetValues<DhcpDropReason>();

    private sealed record Live(DhcpServerCounters Counters, LeaseStore Leases);

    private static readonly LiveRegistry<Live> Servers = new();
    private static readonly Meter Meter = new(MeterName, typeof(DhcpMetrics).Assembly.GetName().Version?.ToString());

    static DhcpMetrics()
    {
        Meter.CreateObservableCounter("pint.dhcp.messages.received", () => ByType(ClientMessages, (c, t) => c.Received(t)), "{message}",
            "Client messages received, by type (discover, request, decline, release, inform).");
        Meter.CreateObservableCounter("pint.dhcp.messages.sent", () => ByType(ServerMessages, (c, t) => c.Sent(t)), "{message}",
            "Replies sent, by type (offer, ack, nak).");
        Meter.CreateObservableCounter("pint.dhcp.drops", Drops, "{message}",
            "Requests that got no reply, by reason (malformed, host_ignored, no_address_available, for_another_server, ...).");
        Meter.CreateObservableCounter("pint.dhcp.ping.conflicts", () => Each(l => l.Counters.PingConflicts), "{address}",
            "Addresses not offered because something answered a ping on them.");
        Meter.CreateObservableCounter("pint.dhcp.commit.failures", () => Each(l => l.Counters.CommitFailures), "{message}",
            "ACKs withheld because the lease could not be written to disk.");
        Meter.CreateObservableCounter("pint.dhcp.send.failures", () => Each(l => l.Counters.SendFailures), "{message}",
            "Replies the socket refused to send.");
        Meter.CreateObservableGauge("pint.dhcp.leases", () => Each(l => l.Leases.Count), "{lease}",
            "Leases in the lease table.");
    }

    /// <summary>Counts <paramref name="counters"/> and the size of <paramref name="leases"/> under <c>server=<paramref name="server"/></c> until disposed.</summary>
    public static IDisposable Register(DhcpServerCounters counters, LeaseStore leases, string server) => Servers.Add(new Live(counters, leases), server);

    /// <summary>"host_ignored" for <see cref="DhcpDropReason.HostIgnored"/>: tag values in the OpenTelemetry style.</summary>
    public static string TagValue(DhcpDropReason reason) => SnakeCase(reason.ToString());

    private static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    private static IEnumerable<Measurement<long>> Each(Func<Live, long> read)
    {
        foreach (var (live, server) in Servers.Live)
            yield return new Measurement<long>(read(live), new KeyValuePair<string, object?>("server", server));
    }

    private static IEnumerable<Measurement<long>> ByType(DhcpMessageType[] types, Func<DhcpServerCounters, DhcpMessageType, long> read)
    {
        foreach (var (live, server) in Servers.Live)
            foreach (var type in types)
                yield return new Measurement<long>(read(live.Counters, type),
                    new KeyValuePair<string, object?>("server", server), new KeyValuePair<string, object?>("type", SnakeCase(type.ToString())));
    }

    private static IEnumerable<Measurement<long>> Drops()
    {
        foreach (var (live, server) in Servers.Live)
            foreach (var reason in Reasons)
                yield return new Measurement<long>(live.Counters.Dropped(reason),
                    new KeyValuePair<string, object?>("server", server), new KeyValuePair<string, object?>("reason", TagValue(reason)));
    }
}
