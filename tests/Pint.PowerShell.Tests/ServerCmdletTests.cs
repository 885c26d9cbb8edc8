using System.Management.Automation;
using Xunit;

namespace Pint.PowerShell.Tests;

public sealed class ServerCmdletTests : IDisposable
{
    private readonly PowerShellHost _ps = new();
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _ps.Run("Stop-PintServer");
        _ps.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void A_config_error_stops_the_start_with_a_terminating_error_naming_the_line()
    {
        var conf = _dir.File("bad.conf");
        File.WriteAllText(conf, "port=5300\n\n# fine so far\ndhcp-range=10.0.0.50,10.0.0.10.4\n");
        // A terminating error: a script that says "stop on errors" stops right there.
        var e = Assert.ThrowsAny<RuntimeException>(() => _ps.Run("$ErrorActionPreference = 'Stop'; Start-PintServer -ConfigPath $c; 'not reached'", new Dictionary<string, object?> { ["c"] = conf }));
        Assert.Contains("bad.conf:4", e.ErrorRecord.Exception.Message);
        Assert.Contains("dhcp-range", e.ErrorRecord.Exception.Message);
        Assert.Equal("ConfigInvalid,Pint.PowerShell.Cmdlets.StartPintServerCommand", e.ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(_ps.Run("Get-PintServer").Output);
    }

    [Fact]
    public void Start_Get_Stop_manage_a_server_in_the_session()
    {
        var conf = _dir.File("ok.conf");
        File.WriteAllText(conf, "port=0\nno-hosts\n");
        var (output, errors, _) = _ps.Run("Start-PintServer -ConfigPath $c -PassThru", new Dictionary<string, object?> { ["c"] = conf });
        Assert.Empty(errors);
        Assert.Equal("Running", Assert.Single(output).Properties["State"].Value.ToString());
        var again = _ps.Run("Start-PintServer -ConfigPath $c", new Dictionary<string, object?> { ["c"] = conf });
        Assert.Contains(again.Errors, r => r.FullyQualifiedErrorId.StartsWith("ServerAlreadyRunning", StringComparison.Ordinal));
        _ps.Run("Stop-PintServer -ConfigPath $c", new Dictionary<string, object?> { ["c"] = conf });
        Assert.Empty(_ps.Run("Get-PintServer").Output);
    }
}
