using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Adds an upstream DNS server (server=[/domain/]address[#port]): for every name, or only for -Domain.</summary>
[Cmdlet(VerbsCommon.Add, "PintDnsForwarder", SupportsShouldProcess = true)]
[OutputType(typeof(PintDnsForwarder))]
public sealed class AddPintDnsForwarderCommand : PintConfigCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public IPAddress IPAddress { get; set; } = IPAddress.None;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 53;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string[]? Domain { get; set; }

    /// <summary>Write the new forwarder to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var added = EditConfig("Add DNS forwarder", IPAddress.ToString(), (session, config) => DnsForwarderCatalog.Add(session, config, IPAddress, Port, Domain));
        if (added && PassThru)
            WriteObject(DnsForwarderCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).LastOrDefault(f => f.IPAddress == IPAddress.ToString() && f.Port == Port));
    }
}
