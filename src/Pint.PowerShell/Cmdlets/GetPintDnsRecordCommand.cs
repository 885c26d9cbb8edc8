using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the DNS records of the config (host-record, cname, mx-host, srv-host, txt-record, ptr-record lines).</summary>
[Cmdlet(VerbsCommon.Get, "PintDnsRecord")]
[OutputType(typeof(PintDnsRecord))]
public sealed class GetPintDnsRecordCommand : PintConfigCmdlet
{
    /// <summary>Names to list; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    [Parameter(Position = 1)]
    [Alias("RecordType")]
    public PintDnsRecordType[]? Type { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        var patterns = Name?.Select(n => WildcardPattern.Get(n.TrimEnd('.'), WildcardOptions.IgnoreCase)).ToArray();
        var found = false;
        foreach (var r in DnsRecordCatalog.List(loaded.Config, ConfigFile))
        {
            if (patterns is not null && !patterns.Any(p => p.IsMatch(r.HostName.TrimEnd('.')))) continue;
            if (Type is not null && !Type.Contains(r.RecordType)) continue;
            found = true;
            WriteObject(r);
        }
        if (!found && Name is { Length: > 0 } && !Name.Any(WildcardPattern.ContainsWildcardCharacters))
            WriteNonTerminating(new ItemNotFoundException($"No DNS record for '{string.Join("', '", Name)}' in {ConfigFile}."), "DnsRecordNotFound", ErrorCategory.ObjectNotFound, Name);
    }
}
