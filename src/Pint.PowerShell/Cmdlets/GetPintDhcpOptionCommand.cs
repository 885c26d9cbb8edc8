using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the dhcp-option= and dhcp-option-force= lines of a config, as Windows' Get-DhcpServerv4OptionValue lists option values.</summary>
[Cmdlet(VerbsCommon.Get, "PintDhcpOption")]
[OutputType(typeof(PintDhcpOption))]
public sealed class GetPintDhcpOptionCommand : PintConfigCmdlet
{
    /// <summary>Only these option numbers.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public int[]? OptionId { get; set; }

    /// <summary>Only options limited to one of these tags.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Tag { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        foreach (var option in DhcpOptionCatalog.List(loaded.Config, ConfigFile))
        {
            if (OptionId is not null && !OptionId.Contains(option.OptionId)) continue;
            if (Tag is not null && !option.Tag.Any(t => Tag.Contains(t, StringComparer.Ordinal))) continue;
            WriteObject(option);
        }
    }
}
