using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Names a host: with -MacAddress a DHCP reservation (dhcp-host=mac,name,ip), which also names the host in DNS;
/// without one a DNS host record (host-record=name,ip). Takes Windows reservation CSVs and Get-PintLease output.
/// </summary>
[Cmdlet(VerbsCommon.Add, "PintHost", SupportsShouldProcess = true)]
[OutputType(typeof(PintHost))]
public sealed class AddPintHostCommand : PintConfigCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("IP", "Address")]
    public IPAddress? IPAddress { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ClientId", "Mac")]
    [ValidateNotNullOrEmpty]
    public string? MacAddress { get; set; }

    /// <summary>Write the new host to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = IPAddress is null ? Name : $"{Name} ({IPAddress})";
        var added = EditConfig(MacAddress is null ? "Add host record" : "Add DHCP reservation", target,
            (session, config) => HostCatalog.Add(session, config, Name, IPAddress, MacAddress));
        if (added && PassThru)
        {
            var loaded = LoadConfigForRead(ConfigFile);
            WriteObject(HostCatalog.List(loaded.Config, ConfigFile).LastOrDefault(h => HostCatalog.NameEquals(h.Name, Name)));
        }
    }
}
