using System.Net;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class DnsOptionTests
{
    [Fact]
    public void Defaults_are_dnsmasqs()
    {
        var dns = ConfigAssert.Clean("").Dns;
        Assert.Equal(53, dns.Port);
        Assert.Equal(150, dns.CacheSize);
        Assert.False(dns.NoResolv);
    }

    [Fact]
    public void Scalars_and_flags_are_typed()
    {
        var dns = ConfigAssert.Clean("""
            port=5353
            cache-size=1000
            local-ttl=60
            neg-ttl=30
            no-resolv
            bind-interfaces
            expand-hosts
            no-hosts
            domain-needed
            bogus-priv
            strict-order
            log-queries=extra
            log-facility=/var/log/dnsmasq.log
            local-service
            stop-dns-rebind
            resolv-file=/etc/resolv.dnsmasq
            user=nobody
            group=nogroup
            listen-address=127.0.0.1,::1
            interface=eth0,eth1
            except-interface=lo
            """).Dns;
        Assert.Equal((5353, 1000, 60, 30), (dns.Port, dns.CacheSize, dns.LocalTtl, dns.NegTtl));
        Assert.True(dns.NoResolv && dns.BindInterfaces && dns.ExpandHosts && dns.NoHosts && dns.DomainNeeded && dns.BogusPriv
                    && dns.StrictOrder && dns.LogQueries && dns.LocalService && dns.StopDnsRebind);
        Assert.Equal("extra", dns.LogQueriesDetail);
        Assert.Equal("/var/log/dnsmasq.log", dns.LogFacility);
        Assert.Equal(["/etc/resolv.dnsmasq"], dns.ResolvFiles);
        Assert.Equal(("nobody", "nogroup"), (dns.User, dns.Group));
        Assert.Equal(["127.0.0.1", "::1"], dns.ListenAddresses);
        Assert.Equal(["eth0", "eth1"], dns.Interfaces);
        Assert.Equal(["lo"], dns.ExceptInterfaces);
    }

    [Theory]
    [InlineData("server=1.1.1.1", "", DnsServerKind.Upstream, "1.1.1.1", 53)]
    [InlineData("server=9.9.9.9#5353", "", DnsServerKind.Upstream, "9.9.9.9", 5353)]
    [InlineData("server=::1#53", "", DnsServerKind.Upstream, "::1", 53)]
    [InlineData("server=/lan/corp.example/10.0.0.1#5300", "lan|corp.example", DnsServerKind.Upstream, "10.0.0.1", 5300)]
    [InlineData("server=/local.test/", "local.test", DnsServerKind.LocalOnly, null, 53)]
    [InlineData("local=/home.arpa/", "home.arpa", DnsServerKind.LocalOnly, null, 53)]
    [InlineData("server=/example.com/#", "example.com", DnsServerKind.UseStandardServers, null, 53)]
    public void Server_forms(string line, string domains, DnsServerKind kind, string? address, int port)
    {
        var server = Assert.Single(ConfigAssert.Clean(line).Dns.Servers);
        Assert.Equal(domains.Length == 0 ? [] : domains.Split('|'), server.Domains);
        Assert.Equal(kind, server.Kind);
        Assert.Equal(address, server.Address?.ToString());
        Assert.Equal(port, server.Port);
        Assert.Equal(new ConfigSource("test.conf", 1), server.Source);
    }

    [Fact]
    public void Server_keeps_its_interface()
    {
        Assert.Equal("eth0", Assert.Single(ConfigAssert.Clean("server=1.2.3.4@eth0").Dns.Servers).Interface);
    }

    [Theory]
    [InlineData("server=1.2.3.4#99999", "bad port '99999'")]
    [InlineData("server=1.2.3.4#x", "bad port 'x'")]
    [InlineData("server=1.2.3.4.5", "bad address '1.2.3.4.5'")]
    [InlineData("server=/bad domain/1.2.3.4", "bad domain 'bad domain'")]
    [InlineData("server=#", "needs a /domain/")]
    [InlineData("server", "missing value")]
    [InlineData("address=/x/1.2.3.4.5", "bad address '1.2.3.4.5'")]
    [InlineData("address=1.2.3.4", "expected /domain/[address]")]
    [InlineData("address=/x", "must end with '/'")]
    public void Server_and_address_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Address_forms()
    {
        var rules = ConfigAssert.Clean("""
            address=/ads.example/0.0.0.0
            address=/a.test/b.test/::1
            address=/blocked.test/
            address=/null.test/#
            """).Dns.Addresses;
        Assert.Equal(IPAddress.Any, rules[0].Address);
        Assert.Equal(["a.test", "b.test"], rules[1].Domains);
        Assert.Equal(IPAddress.IPv6Loopback, rules[1].Address);
        Assert.Null(rules[2].Address);
        Assert.False(rules[2].IsUnspecified);
        Assert.True(rules[3].IsUnspecified);
        Assert.Equal(4, rules[3].Source.Line);
    }

    [Fact]
    public void Domain_forms()
    {
        var domains = ConfigAssert.Clean("domain=lan\ndomain=wifi.lan,192.168.2.0/24,local").Dns.Domains;
        Assert.Equal("lan", domains[0].Name);
        Assert.Null(domains[0].Subnet);
        Assert.Equal((IPAddress.Parse("192.168.2.0"), 24, true), (domains[1].Subnet, domains[1].PrefixLength!.Value, domains[1].Local));
        ConfigAssert.SingleError("domain=lan,notasubnet", "bad subnet 'notasubnet'");
    }

    [Fact]
    public void Host_record_forms()
    {
        var records = ConfigAssert.Clean("""
            host-record=nas,nas.lan,192.168.1.10
            host-record=v6only,,fd00::10
            host-record=both,10.0.0.1,fd00::1,300
            """).Dns.HostRecords;
        Assert.Equal(["nas", "nas.lan"], records[0].Names);
        Assert.Equal(IPAddress.Parse("192.168.1.10"), records[0].IPv4);
        Assert.Null(records[1].IPv4);
        Assert.Equal(IPAddress.Parse("fd00::10"), records[1].IPv6);
        Assert.Equal(300, records[2].Ttl);
    }

    [Theory]
    [InlineData("host-record=nas", "missing address")]
    [InlineData("host-record=10.0.0.1", "missing name")]
    [InlineData("host-record=nas,10.0.0.1,10.0.0.2", "more than one IPv4 address")]
    [InlineData("host-record=nas,10.0.0.1,nope", "bad address 'nope'")]
    [InlineData("host-record=bad name,10.0.0.1", "bad name 'bad name'")]
    public void Host_record_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Cname_mx_srv_txt_ptr_forms()
    {
        var dns = ConfigAssert.Clean("""
            cname=www,web,server.lan
            cname=ftp,server.lan,600
            mx-host=example.test
            mx-host=example.test,mail.example.test,10
            srv-host=_ldap._tcp.example.test,ldap.example.test,389
            srv-host=_sip._udp.example.test,sip.example.test,5060,1,2
            srv-host=_none._tcp.example.test
            txt-record=example.test,"v=spf1 a -all"
            txt-record=multi.test,one,two
            ptr-record=_http._tcp.dns-sd-services,"New Employee Page._http._tcp.dns-sd-services"
            ptr-record=10.1.168.192.in-addr.arpa
            """).Dns;
        Assert.Equal(["www", "web"], dns.Cnames[0].Aliases);
        Assert.Equal(("server.lan", (int?)null), (dns.Cnames[0].Target, dns.Cnames[0].Ttl));
        Assert.Equal(600, dns.Cnames[1].Ttl);
        Assert.Equal((null, 1), (dns.MxRecords[0].Target, dns.MxRecords[0].Preference));
        Assert.Equal(("mail.example.test", 10), (dns.MxRecords[1].Target, dns.MxRecords[1].Preference));
        Assert.Equal(("ldap.example.test", 389, 0, 0), (dns.SrvRecords[0].Target, dns.SrvRecords[0].Port, dns.SrvRecords[0].Priority, dns.SrvRecords[0].Weight));
        Assert.Equal((5060, 1, 2), (dns.SrvRecords[1].Port, dns.SrvRecords[1].Priority, dns.SrvRecords[1].Weight));
        Assert.Null(dns.SrvRecords[2].Target);
        Assert.Equal(["v=spf1 a -all"], dns.TxtRecords[0].Texts);
        Assert.Equal(["one", "two"], dns.TxtRecords[1].Texts);
        Assert.Null(dns.PtrRecords[1].Target);
    }

    [Theory]
    [InlineData("cname=lonely", "missing target")]
    [InlineData("mx-host=example.test,mail,abc", "bad preference 'abc'")]
    [InlineData("srv-host=_x._tcp.test,t,70000", "bad port '70000'")]
    [InlineData("srv-host=_x._tcp.test,t,1,x", "bad priority 'x'")]
    [InlineData("ptr-record=a,b,c", "too many fields")]
    [InlineData("port=abc", "bad number 'abc'")]
    [InlineData("port=70000", "bad number '70000'")]
    [InlineData("cache-size=-1", "bad number '-1'")]
    [InlineData("listen-address=localhost", "bad address 'localhost'")]
    [InlineData("log-queries=loud", "bad value 'loud'")]
    [InlineData("no-resolv=yes", "is a flag and takes no value")]
    public void Record_and_scalar_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Single_use_options_may_not_repeat_as_in_dnsmasq()
    {
        var result = ConfigAssert.Load("port=53\nport=54");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(2, error.Line);
        Assert.Contains("may be given only once; it was already given at test.conf:1", error.Message);
        Assert.Equal(53, result.Config.Dns.Port);
    }

    [Fact]
    public void Repeating_a_flag_is_harmless_as_in_dnsmasq() => ConfigAssert.Clean("no-resolv\nno-resolv");

    [Fact]
    public void Empty_value_is_a_warning_and_the_line_is_ignored()
    {
        // dnsmasq --test accepts "interface=" (its example config has it); Pint does too, but says it did nothing.
        var result = ConfigAssert.Load("interface=\nlocal-ttl=");
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal([1, 2], result.Diagnostics.Select(d => d.Line));
        Assert.Contains("empty value: option 'interface' is ignored", result.Diagnostics[0].Message);
        Assert.Empty(result.Config.Dns.Interfaces);
        // ... but rejects "listen-address=", and so does Pint.
        ConfigAssert.SingleError("listen-address=", "missing value: option 'listen-address' needs a value");
    }

    [Fact]
    public void Domain_range_form()
    {
        var domain = Assert.Single(ConfigAssert.Clean("domain=reserved.test,192.168.3.100,192.168.3.200").Dns.Domains);
        Assert.Equal((IPAddress.Parse("192.168.3.100"), IPAddress.Parse("192.168.3.200")), (domain.Subnet, domain.RangeEnd));
    }
}
