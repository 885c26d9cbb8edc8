using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Hosting;
using Xunit;

namespace Pint.Engine.Tests.Dns;

/// <summary>server= lines, from the config to the routes the DNS server is given.</summary>
public class DnsServerLinesConfigTests
{
    [Fact]
    public void Server_domain_hash_maps_to_the_standard_servers_without_a_warning()
    {
        var config = ConfigAssert.Clean("no-hosts\nno-resolv\nport=5353\nserver=10.0.0.1\nserver=/example/10.0.0.2\nserver=/sub.example/#\n");
        var setup = DnsSetup.Build(config, SystemFacts.Live, Path.GetTempPath());
        var options = setup.Options!;
        var standard = Assert.Single(options.Servers, s => s.UseStandardServers);
        Assert.Null(standard.EndPoint);
        Assert.Equal(["sub.example"], standard.Domains!);
        Assert.Equal(3, options.Servers.Count);
        Assert.DoesNotContain(setup.Diagnostics, d => d.ToString().Contains("server", StringComparison.Ordinal));
    }
}
