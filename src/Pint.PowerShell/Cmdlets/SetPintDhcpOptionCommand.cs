using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Sets DHCP options as dhcp-option= lines, with Windows' Set-DhcpServerv4OptionValue parameter sets: the common
/// options by name (-Router, -DnsServer, -DnsDomain, -NtpServer), or any option by number (-OptionId -Value).
/// -Tag limits a value to tagged clients. Every value is encoded as the server would encode it before anything is
/// written, so a bad value is an error and the config is left as it was.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PintDhcpOption", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(PintDhcpOption))]
public sealed class SetPintDhcpOptionCommand : PintConfigCmdlet
{
    private const string ByName = "ByName", ById = "ById";

    [Parameter(ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? Router { get; set; }

    [Parameter(ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? DnsServer { get; set; }

    [Parameter(ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? DnsDomain { get; set; }

    [Parameter(ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? NtpServer { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 254)]
    public int OptionId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    [AllowEmptyString]
    public string[] Value { get; set; } = Array.Empty<string>();

    /// <summary>Only clients carrying these tags get the value (tag:NAME).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[] Tag { get; set; } = Array.Empty<string>();

    /// <summary>Write the options that were set to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var settings = Settings();
        if (settings.Count == 0)
        {
            WriteNonTerminating(new ArgumentException("Give at least one of -Router, -DnsServer, -DnsDomain or -NtpServer, or -OptionId with -Value."), "NothingToSet", ErrorCategory.InvalidArgument, null);
            return;
        }
        var scope = Tag.Length == 0 ? "" : $" for tag {string.Join(',', Tag)}";
        var target = string.Join("; ", settings.Select(s => $"option {s.Id} = {string.Join(',', s.Values)}")) + scope;
        var changed = EditConfig("Set DHCP option", target, (session, config) =>
        {
            // All values are checked before the session commits: one bad value leaves the file untouched.
            foreach (var (id, values) in settings) DhcpOptionCatalog.Set(session, config, id, values, Tag);
        });
        if (changed && PassThru)
        {
            var all = DhcpOptionCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).ToList();
            foreach (var (id, _) in settings)
                if (DhcpOptionCatalog.Find(all, id, Tag) is { } option) WriteObject(option);
        }
    }

    private List<(int Id, string[] Values)> Settings()
    {
        if (ParameterSetName == ById) return [(OptionId, Value)];
        var settings = new List<(int, string[])>();
        if (Router is not null) settings.Add((3, Router.Select(a => a.ToString()).ToArray()));
        if (DnsServer is not null) settings.Add((6, DnsServer.Select(a => a.ToString()).ToArray()));
        if (DnsDomain is not null) settings.Add((15, [DnsDomain]));
        if (NtpServer is not null) settings.Add((42, NtpServer.Select(a => a.ToString()).ToArray()));
        return settings;
    }
}
