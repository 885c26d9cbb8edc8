using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>interface-name=: answers from the interface's addresses as they are when asked.</summary>
public class InterfaceNamesTests
{
    private IReadOnlyList<InterfaceFacts> _nics = [new("lab0", [IPAddress.Parse("10.9.0.1"), IPAddress.Parse("fd00::1"), IPAddress.Parse("fe80::1")])];

    private DnsResponder Responder(params InterfaceName[] names) => new(new DnsServerOptions
    {
        InterfaceNames = names,
        Interfaces = () => _nics,
        HostNames = [new LocalHostName("other.lab.test", IPAddress.Parse("10.9.0.1"), ExpandHosts: false)],
    });

    private static DecodedReply Ask(DnsResponder responder, string name, DnsType type)
    {
        var output = new byte[4096];
        var result = responder.Respond(Query(name, type), output, overTcp: false);
        return Decode(output.AsSpan(0, result.Length));
    }

    [Fact]
    public void The_name_answers_with_the_interfaces_addresses_and_is_their_PTR()
    {
        var responder = Responder(new InterfaceName("gw.lab.test", "lab0", null));
        Assert.Equal(["10.9.0.1"], Ask(responder, "gw.lab.test", DnsType.A).AnswerData);
        Assert.Equal(["fd00::1"], Ask(responder, "gw.lab.test", DnsType.AAAA).AnswerData); // link-local left out
        Assert.Equal(["gw.lab.test"], Ask(responder, "1.0.9.10.in-addr.arpa", DnsType.PTR).AnswerData); // ahead of the hosts name
    }

    [Fact]
    public void A_family_suffix_limits_the_answers_and_the_other_type_goes_on_as_unknown()
    {
        var responder = Responder(new InterfaceName("gw4.lab.test", "lab0", System.Net.Sockets.AddressFamily.InterNetwork));
        Assert.Equal(["10.9.0.1"], Ask(responder, "gw4.lab.test", DnsType.A).AnswerData);
        Assert.Empty(Ask(responder, "gw4.lab.test", DnsType.AAAA).AnswerData);
    }

    [Fact]
    public void A_new_address_on_the_interface_is_answered_without_a_reload()
    {
        var responder = Responder(new InterfaceName("gw.lab.test", "lab0", null));
        Assert.Equal(["10.9.0.1"], Ask(responder, "gw.lab.test", DnsType.A).AnswerData);
        _nics = [new("lab0", [IPAddress.Parse("10.9.0.2")])];
        Thread.Sleep(1100); // addresses are read at most once a second
        Assert.Equal(["10.9.0.2"], Ask(responder, "gw.lab.test", DnsType.A).AnswerData);
        _nics = [];
        Thread.Sleep(1100);
        Assert.Empty(Ask(responder, "gw.lab.test", DnsType.A).AnswerData);
    }
}
