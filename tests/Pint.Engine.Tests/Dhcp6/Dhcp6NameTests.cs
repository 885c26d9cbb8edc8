using System.Net;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Server;
using Pint.Engine.Dhcp6.Wire;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// DHCPv6 names without sockets: the name the responder picks and the Client FQDN option (39) it sends back, each
/// byte as dnsmasq 2.90 sent it to the same messages (observed with a scripted client in a netns lab), and the DNS
/// edits <see cref="Dhcp6LeaseNames"/> makes as leases are bound, released, declined and run out.
/// </summary>
public class Dhcp6NameTests
{
    private static readonly byte[] ServerDuid = Dhcp6Packets.Duid("00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_796_636_956);

    private const string Base = """
        domain=lab.test
        dhcp-range=fd00:77::1000,fd00:77::13e7,64,12h
        """;

    private static (Dhcp6Link, Dhcp6ServerOptions) Setup(string config)
    {
        var c = ConfigAssert.Clean("port=0\n" + config);
        var addresses = new List<(IPAddress, int)> { (IPAddress.Parse("fd00:77::1"), 64), (IPAddress.Parse("fe80::5054:ff:feaa:1"), 64) };
        var pools = c.Dhcp.Ranges6.SelectMany(r => Dhcp6Pool.ForLink(r, "eth0", addresses)).ToList();
        return (new Dhcp6Link("eth0", addresses.Select(a => a.Item1).ToList(), pools), Dhcp6ServerOptions.FromConfig(c, ServerDuid));
    }

    private static byte[] Duid(int n) => [0, 3, 0, 1, 0x52, 0x54, 0, 0, 0, (byte)n];

    /// <summary>A Client FQDN option value: flags, then the name's labels (a trailing dot: a full name, with the root).</summary>
    private static byte[] Fqdn(byte flags, string name)
    {
        var bytes = new List<byte> { flags };
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        if (name.EndsWith('.')) bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>A client message with a Client FQDN option appended (options are TLVs to the end of the message).</summary>
    private static byte[] WithFqdn(byte[] message, byte[]? fqdn)
    {
        if (fqdn is null) return message;
        var option = new byte[4 + fqdn.Length];
        option[1] = (byte)Dhcp6OptionCode.ClientFqdn;
        option[3] = (byte)fqdn.Length;
        fqdn.CopyTo(option, 4);
        return [.. message, .. option];
    }

    private sealed class Client(Dhcp6Link link, Dhcp6ServerOptions options, Dhcp6LeaseTable leases, byte[] duid, byte[]? fqdn, Dhcp6LeaseNames? names = null)
    {
        private uint _xid;

        public Dhcp6Decision Send(Dhcp6MessageType type, IPAddress? address = null, bool withFqdn = true)
        {
            var serverId = type is Dhcp6MessageType.Solicit or Dhcp6MessageType.Rebind or Dhcp6MessageType.InformationRequest ? null : ServerDuid;
            uint? iaid = type == Dhcp6MessageType.InformationRequest ? null : 7;
            var packet = WithFqdn(Dhcp6Packets.Client(type, ++_xid, duid, serverId, iaid, address), withFqdn ? fqdn : null);
            Assert.True(Dhcp6RequestReader.TryRead(packet, out var request, out var why), why.ToString());
            var decision = Dhcp6Responder.Respond(request!, link, options, leases, Now);
            var touched = Dhcp6LeaseNames.Touched(leases, decision.Changes).ToList();
            foreach (var change in decision.Changes) leases.Apply(change, TimeSpan.FromHours(1));
            names?.Update(leases, touched);
            return decision;
        }

        /// <summary>SOLICIT then REQUEST (and RENEW) as dhclient does; the FQDN option values of ADVERTISE, REPLY and RENEW's REPLY.</summary>
        public (string? Advertise, string? Reply, string? Renew, IPAddress Address) Bind()
        {
            var advertise = Send(Dhcp6MessageType.Solicit).Reply!;
            var address = advertise.IaNa[0].Addresses[0].Address;
            var reply = Send(Dhcp6MessageType.Request, address).Reply!;
            var renew = Send(Dhcp6MessageType.Renew, address).Reply!;
            return (FqdnOf(advertise), FqdnOf(reply), FqdnOf(renew), address);
        }
    }

    private static string? FqdnOf(Dhcp6Reply reply) =>
        reply.Options.Where(o => o.Code == Dhcp6OptionCode.ClientFqdn).Select(o => Convert.ToHexString(o.Data).ToLowerInvariant()).SingleOrDefault();

    [Fact]
    public void A_client_FQDN_names_the_lease_and_comes_back_partial_in_ADVERTISE_and_full_in_REPLY()
    {
        var (link, options) = Setup(Base);
        var leases = new Dhcp6LeaseTable();
        var (advertise, reply, renew, address) = new Client(link, options, leases, Duid(0x11), Fqdn(0, "alpha")).Bind();
        // dnsmasq 2.90's bytes: flags 03 (S and O: it updates DNS itself), "alpha" without the root in the ADVERTISE,
        // alpha.lab.test. once the lease is bound.
        Assert.Equal("0305616c706861", advertise);
        Assert.Equal("0305616c706861036c6162047465737400", reply);
        Assert.Equal(reply, renew);
        Assert.Equal("alpha", leases.ByAddress(address)!.HostName);
        Assert.EndsWith(" alpha 00:03:00:01:52:54:00:00:00:11", Dhcp6LeaseFile.FormatLine(leases.ByAddress(address)!));
    }

    [Theory]
    [InlineData(0x00, 0x03)]
    [InlineData(0x01, 0x01)]
    [InlineData(0x02, 0x03)]
    [InlineData(0x04, 0x03)]
    [InlineData(0x05, 0x01)]
    [InlineData(0x07, 0x03)]
    public void The_FQDN_flags_sent_back_are_dnsmasqs(byte sent, byte answered)
    {
        var (link, options) = Setup(Base);
        var (advertise, reply, _, _) = new Client(link, options, new Dhcp6LeaseTable(), Duid(0x20 + sent), Fqdn(sent, "fl")).Bind();
        Assert.Equal(answered.ToString("x2") + "02666c", advertise);
        Assert.StartsWith(answered.ToString("x2"), reply);
    }

    [Fact]
    public void The_clients_domain_is_replaced_by_the_servers_and_a_bad_or_empty_name_gives_none()
    {
        var (link, options) = Setup(Base);
        var leases = new Dhcp6LeaseTable();
        var other = new Client(link, options, leases, Duid(0x31), Fqdn(0, "beta.other.test")).Bind();
        Assert.Equal("030462657461", other.Advertise);
        Assert.Equal("030462657461036c6162047465737400", other.Reply);
        var full = new Client(link, options, leases, Duid(0x32), Fqdn(0, "delta.lab.test.")).Bind();
        Assert.Equal("030564656c7461036c6162047465737400", full.Reply);
        Assert.Equal(["beta", "delta"], leases.Snapshot().Select(l => l.HostName).Order());

        foreach (var (n, fqdn) in new[] { (0x33, (byte[]?)null), (0x34, Fqdn(0, "")), (0x35, Fqdn(0, "-dash")), (0x36, Fqdn(0, "sp ace")) })
        {
            var none = new Client(link, options, leases, Duid(n), fqdn).Bind();
            Assert.True(none.Advertise is null && none.Reply is null && none.Renew is null, $"{none.Advertise} {none.Reply} {none.Renew}");
            Assert.Null(leases.ByAddress(none.Address)!.HostName);
        }
    }

    [Fact]
    public void A_dhcp_host_name_wins_over_the_clients_and_is_sent_even_without_an_FQDN_option()
    {
        var (link, options) = Setup(Base + """

            dhcp-host=id:00:03:00:01:52:54:00:00:00:41,gamma
            dhcp-host=id:00:03:00:01:52:54:00:00:00:42,eps.lab.test
            """);
        var leases = new Dhcp6LeaseTable();
        var gamma = new Client(link, options, leases, Duid(0x41), null);
        var bound = gamma.Bind();
        Assert.Equal("010567616d6d61", bound.Advertise); // no FQDN from the client: flags S alone
        Assert.Equal("010567616d6d61036c6162047465737400", bound.Reply);
        // INFORMATION-REQUEST: no address to take a domain from; a bare dhcp-host name goes back bare.
        Assert.Equal("010567616d6d61", FqdnOf(gamma.Send(Dhcp6MessageType.InformationRequest).Reply!));

        var eps = new Client(link, options, leases, Duid(0x42), null);
        Assert.Equal("0103657073036c6162047465737400", eps.Bind().Reply);
        Assert.Equal("0103657073036c6162047465737400", FqdnOf(eps.Send(Dhcp6MessageType.InformationRequest).Reply!));
        Assert.Equal("eps", leases.Find(Duid(0x42), 7)!.HostName);

        // The client says "other": the dhcp-host name stands, with the client's flags.
        var (advertise, _, _, _) = new Client(link, options, leases, Duid(0x41), Fqdn(0, "other")).Bind();
        Assert.Equal("030567616d6d61", advertise);
        Assert.Equal("gamma", leases.Find(Duid(0x41), 7)!.HostName);

        // An INFORMATION-REQUEST with a client name and no dhcp-host one: the default domain.
        var info = new Client(link, options, leases, Duid(0x11), Fqdn(0, "alpha")).Send(Dhcp6MessageType.InformationRequest).Reply!;
        Assert.Equal("0305616c706861036c6162047465737400", FqdnOf(info));
    }

    [Fact]
    public void A_name_moves_to_the_last_client_that_asks_but_not_away_from_a_dhcp_host_one()
    {
        var (link, options) = Setup(Base + "\ndhcp-host=id:00:03:00:01:52:54:00:00:00:41,gamma");
        var leases = new Dhcp6LeaseTable();
        var first = new Client(link, options, leases, Duid(0x51), Fqdn(0, "same")).Bind();
        var second = new Client(link, options, leases, Duid(0x52), Fqdn(0, "same")).Bind();
        Assert.Null(leases.ByAddress(first.Address)!.HostName);
        Assert.Equal("same", leases.ByAddress(second.Address)!.HostName);

        var owner = new Client(link, options, leases, Duid(0x41), null).Bind();
        var thief = new Client(link, options, leases, Duid(0x53), Fqdn(0, "gamma")).Bind();
        Assert.Equal("030567616d6d61036c6162047465737400", thief.Reply); // dnsmasq still says the name...
        Assert.Null(leases.ByAddress(thief.Address)!.HostName);        // ...but does not give it
        Assert.Equal("gamma", leases.ByAddress(owner.Address)!.HostName);
    }

    [Fact]
    public void Without_a_domain_the_name_goes_back_bare_and_dhcp_ignore_names_drops_the_clients_own()
    {
        var (link, options) = Setup("dhcp-range=fd00:77::1000,fd00:77::13e7,64,12h");
        var bare = new Client(link, options, new Dhcp6LeaseTable(), Duid(0x11), Fqdn(0, "alpha")).Bind();
        Assert.Equal(("0305616c706861", "0305616c706861"), (bare.Advertise, bare.Reply));

        (link, options) = Setup(Base + "\ndhcp-ignore-names\ndhcp-host=id:00:03:00:01:52:54:00:00:00:41,gamma");
        var leases = new Dhcp6LeaseTable();
        var ignored = new Client(link, options, leases, Duid(0x11), Fqdn(0, "alpha")).Bind();
        Assert.Null(ignored.Reply);
        Assert.Null(leases.ByAddress(ignored.Address)!.HostName);
        var configured = new Client(link, options, leases, Duid(0x41), null).Bind();
        Assert.Equal("gamma", leases.ByAddress(configured.Address)!.HostName);
    }

    private sealed class RecordingSink : ILeaseNameSink
    {
        public List<string> Calls { get; } = [];
        public void Add(string fqdn, IPAddress address) => Calls.Add($"add {fqdn} {address}");
        public void Remove(string fqdn) => Calls.Add($"remove {fqdn}");
    }

    [Fact]
    public void DNS_gets_the_qualified_name_on_bind_and_loses_it_on_release_decline_and_move()
    {
        var (link, options) = Setup(Base);
        var leases = new Dhcp6LeaseTable();
        var sink = new RecordingSink();
        var names = new Dhcp6LeaseNames(sink, () => options.Domain);
        var alpha = new Client(link, options, leases, Duid(0x11), Fqdn(0, "alpha"), names);
        var (_, _, _, address) = alpha.Bind(); // SOLICIT names nothing; REQUEST does; RENEW changes nothing
        Assert.Equal([$"add alpha.lab.test {address}"], sink.Calls);
        alpha.Send(Dhcp6MessageType.Release, address);
        Assert.Equal([$"add alpha.lab.test {address}", "remove alpha.lab.test"], sink.Calls);

        sink.Calls.Clear();
        (_, _, _, address) = alpha.Bind();
        alpha.Send(Dhcp6MessageType.Decline, address);
        Assert.Equal([$"add alpha.lab.test {address}", "remove alpha.lab.test"], sink.Calls);

        // Another client taking the name: DNS follows it to that client's address.
        sink.Calls.Clear();
        var first = new Client(link, options, leases, Duid(0x51), Fqdn(0, "same"), names).Bind();
        var second = new Client(link, options, leases, Duid(0x52), Fqdn(0, "same"), names).Bind();
        Assert.Equal([$"add same.lab.test {first.Address}", $"add same.lab.test {second.Address}"], sink.Calls);
        Assert.Equal(second.Address, names.Published["same"]);

        // A renewal under a new name: the old one goes.
        sink.Calls.Clear();
        new Client(link, options, leases, Duid(0x52), Fqdn(0, "renamed"), names).Send(Dhcp6MessageType.Renew, second.Address);
        Assert.Equal(["remove same.lab.test", $"add renamed.lab.test {second.Address}"], sink.Calls);
    }

    [Fact]
    public void Expiry_withdraws_the_name_without_a_message_and_a_restart_publishes_the_loaded_leases()
    {
        var (link, options) = Setup(Base);
        var leases = new Dhcp6LeaseTable();
        var sink = new RecordingSink();
        var names = new Dhcp6LeaseNames(sink, () => options.Domain);
        var (_, _, _, address) = new Client(link, options, leases, Duid(0x11), Fqdn(0, "alpha"), names).Bind();
        var expires = leases.ByAddress(address)!.Expires!.Value;

        var persisted = 0;
        var server = new Dhcp6Server(options, leases) { Names = names, Persist = _ => persisted++ };
        server.Sweep(expires.AddSeconds(-1));
        Assert.Equal((1, 0), (sink.Calls.Count, persisted));
        server.Sweep(expires);
        Assert.Equal("remove alpha.lab.test", sink.Calls[^1]);
        Assert.Equal((0, 1), (leases.Count, persisted));

        // Start-up (and a new DNS service): every named lease of the table, once each.
        var loaded = new Dhcp6LeaseTable();
        loaded.Apply(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, new Dhcp6Lease(Duid(1), 1, IPAddress.Parse("fd00:77::1001"), null, "one")), TimeSpan.Zero);
        loaded.Apply(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, new Dhcp6Lease(Duid(1), 2, IPAddress.Parse("fd00:77::1002"), null, "one")), TimeSpan.Zero);
        loaded.Apply(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, new Dhcp6Lease(Duid(2), 1, IPAddress.Parse("fd00:77::1003"), null, null)), TimeSpan.Zero);
        object registry = new();
        var fresh = new RecordingSink();
        var restarted = new Dhcp6LeaseNames(fresh, () => "lab.test", () => registry);
        restarted.PublishAll(loaded);
        Assert.Equal(["add one.lab.test fd00:77::1001"], fresh.Calls);
        restarted.Refresh(loaded);
        Assert.Single(fresh.Calls);
        registry = new object(); // DNS restarted: its registry is new and empty
        restarted.Refresh(loaded);
        Assert.Equal(["add one.lab.test fd00:77::1001", "add one.lab.test fd00:77::1001"], fresh.Calls);

        // One of a client's two bindings named alike goes: the name stays, on the other address.
        loaded.Apply(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Release, loaded.ByAddress(IPAddress.Parse("fd00:77::1001"))!), TimeSpan.Zero);
        restarted.Update(loaded, ["one"]);
        Assert.Equal("add one.lab.test fd00:77::1002", fresh.Calls[^1]);
    }
}
