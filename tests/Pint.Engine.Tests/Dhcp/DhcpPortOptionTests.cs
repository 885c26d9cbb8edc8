using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>dhcp-alternate-port in its three forms, and its bad values named with the line.</summary>
public class DhcpPortOptionTests
{
    [Theory]
    [InlineData("", 67, 68)]
    [InlineData("dhcp-alternate-port", 1067, 1068)]
    [InlineData("dhcp-alternate-port=2067", 2067, 2068)]
    [InlineData("dhcp-alternate-port=2067,3068", 2067, 3068)]
    public void The_server_listens_and_answers_on_the_ports_the_line_gives(string line, int server, int client)
    {
        var loaded = ConfigLoader.LoadText($"dhcp-range=10.77.0.100,10.77.0.150\n{line}\n", "test.conf");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var options = DhcpSetup.Build(loaded.Config).Options!;
        Assert.Equal((server, server, client), (options.ServerPort, options.RelayPort, options.ClientPort));
    }

    [Theory]
    [InlineData("dhcp-alternate-port=0")]
    [InlineData("dhcp-alternate-port=67,x")]
    [InlineData("dhcp-alternate-port=1,2,3")]
    public void A_bad_port_is_an_error_naming_the_line(string line)
    {
        var loaded = ConfigLoader.LoadText($"dhcp-range=10.77.0.100,10.77.0.150\n{line}\n", "bad.conf");
        var error = Assert.Single(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("bad.conf:2", error.ToString());
    }
}
