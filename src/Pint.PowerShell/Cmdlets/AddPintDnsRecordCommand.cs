using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Adds a DNS record to the config: A/AAAA as host-record=, CNAME as cname=, MX as mx-host=, SRV as srv-host=,
/// TXT as txt-record=, PTR as ptr-record=. Accepts Get-PintDnsRecord-shaped objects by property name.
/// </summary>
[Cmdlet(VerbsCommon.Add, "PintDnsRecord", SupportsShouldProcess = true)]
[OutputType(typeof(PintDnsRecord))]
public sealed class AddPintDnsRecordCommand : PintConfigCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RecordType")]
    public PintDnsRecordType Type { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The address of an A or AAAA record.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("IPv4Address", "IPv6Address")]
    public IPAddress? IPAddress { get; set; }

    /// <summary>The target name of a CNAME, MX, SRV or PTR record.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("HostNameAlias", "MailExchange", "DomainName", "PtrDomainName")]
    [ValidateNotNullOrEmpty]
    public string? Target { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65535)]
    public int? Preference { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int? Port { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65535)]
    public int? Priority { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65535)]
    public int? Weight { get; set; }

    /// <summary>The strings of a TXT record, one character-string each.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DescriptiveText")]
    public string[]? Text { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [TimeToLiveTransformation]
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>Write the new record to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var spec = new PintDnsRecordSpec
        {
            Type = Type,
            Name = Name,
            Address = IPAddress,
            Target = Target,
            Preference = Preference,
            Port = Port,
            Priority = Priority,
            Weight = Weight,
            Text = Text,
            TtlSeconds = TimeToLive is { } ttl ? (int)ttl.TotalSeconds : null,
        };
        var added = EditConfig($"Add DNS {Type} record", Name, (session, config) => DnsRecordCatalog.Add(session, config, spec));
        if (added && PassThru)
        {
            var loaded = LoadConfigForRead(ConfigFile);
            WriteObject(DnsRecordCatalog.List(loaded.Config, ConfigFile).LastOrDefault(r => r.RecordType == Type && HostCatalog.NameEquals(r.HostName, Name)));
        }
    }
}
