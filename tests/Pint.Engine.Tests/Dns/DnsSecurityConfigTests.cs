using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dns;

/// <summary>local-service, stop-dns-rebind and their companions, from config lines to what the DNS server is given.</summary>
public class DnsSecurityConfigTests
{
    private static DnsServerOptions Map(string lines) =>
        DnsSetup.Build(ConfigAssert.Clean("no-hosts\nno-resolv\nport=5353\n" + lines), SystemFacts.Live, Path.GetTempPath()).Options!;

    [Theory]
    [InlineData("", DnsClientScope.LocalNetworks)]                  // Pint's default: nobody said where to listen
    [InlineData("local-service", DnsClientScope.LocalNetworks)]
    [InlineData("local-service=net", DnsClientScope.LocalNetworks)]
    [InlineData("listen-address=127.0.0.1", DnsClientScope.Everyone)] // as dnsmasq: a listen choice turns it off
    [InlineData("local-service\nlisten-address=127.0.0.1", DnsClientScope.Everyone)]
    [InlineData("interface=lo", DnsClientScope.Everyone)]
    [InlineData("except-interface=eth9", DnsClientScope.Everyone)]
    public void Local_service_applies_only_when_no_listen_choice_is_made(string lines, DnsClientScope expected)
    {
        Assert.Equal(expected, Map(lines).ClientScope);
    }

    [Fact]
    public void Without_a_listen_choice_the_server_listens_everywhere_but_answers_its_networks()
    {
        var options = Map("");
        Assert.Contains(new IPEndPoint(IPAddress.Any, 5353), options.ListenEndPoints);
        Assert.Equal(DnsClientScope.LocalNetworks, options.ClientScope);
    }

    [Fact]
    public void Local_service_host_listens_on_loopback_only()
    {
        var options = Map("local-service=host");
        Assert.All(options.ListenEndPoints, e => Assert.True(IPAddress.IsLoopback(e.Address), $"{e} is not loopback"));
        Assert.Contains(new IPEndPoint(IPAddress.Loopback, 5353), options.ListenEndPoints);
        Assert.Equal(DnsClientScope.Everyone, options.ClientScope); // loopback needs no filter
    }

    [Fact]
    public void Local_service_host_gives_way_to_a_listen_address_as_in_dnsmasq()
    {
        var options = Map("local-service=host\nlisten-address=192.0.2.1");
        Assert.Equal([new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5353)], options.ListenEndPoints);
    }

    [Fact]
    public void Local_service_takes_net_or_host_only()
    {
        ConfigAssert.SingleError("local-service=everyone", "expected nothing, 'net' or 'host'");
        Assert.True(ConfigAssert.Clean("local-service=host").Dns.LocalServiceHost);
    }

    [Fact]
    public void Rebind_options_reach_the_server()
    {
        var options = Map("""
            stop-dns-rebind
            rebind-localhost-ok
            rebind-domain-ok=/Plex.Direct/corp.example./
            rebind-domain-ok=ok.test
            """);
        Assert.True(options.StopDnsRebind && options.RebindLocalhostOk);
        Assert.Equal(["plex.direct", "corp.example", "ok.test"], options.RebindDomainsOk);
        Assert.False(Map("").StopDnsRebind); // off unless asked, as in dnsmasq
    }

    [Fact]
    public void A_rebind_domain_ok_that_is_no_domain_is_a_warning_naming_it()
    {
        var result = ConfigAssert.Load("rebind-domain-ok=/good.test/bad domain/");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 1), (warning.Severity, warning.Line));
        Assert.Contains("'bad domain' is not a domain name", warning.Message);
        Assert.Equal(["good.test"], result.Config.Dns.RebindDomainsOk);
    }
}
