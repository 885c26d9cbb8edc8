using System.Management.Automation;
using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Names a host: with -MacAddress a DHCP reservation (dhcp-host=mac,name,ip), which also names the host in DNS;
/// with -ClientDuid a DHCPv6 reservation (dhcp-host=id:DUID,[ipv6],name), as Windows' Add-DhcpServerv6Reservation;
/// without either a DNS host record (host-record=name,ip). Takes Windows reservation CSVs and Get-PintLease output.
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

    /// <summary>
    /// Checked in ProcessRecord, not by a validation attribute: a DHCPv6 lease from Get-PintLease binds an empty one
    /// (its DUID holds no MAC) next to its Duid, and must still bind.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ClientId", "Mac")]
    public string? MacAddress { get; set; }

    /// <summary>The DHCPv6 client's DUID, in hex (Windows' ClientDuid, Get-PintLease's Duid).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Duid")]
    public string? ClientDuid { get; set; }

    /// <summary>Windows' identity association id; dnsmasq reserves for the DUID whatever IA asks, so it is not written.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public uint? Iaid { get; set; }

    /// <summary>Windows' scope prefix of a DHCPv6 reservation; checked to hold -IPAddress, not written.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Prefix { get; set; }

    /// <summary>Write the new host to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The parameters given on the command line (the pipeline binds the rest record by record).</summary>
    private HashSet<string> _commandLine = [];

    protected override void BeginProcessing() => _commandLine = [.. MyInvocation.BoundParameters.Keys];

    protected override void ProcessRecord()
    {
        var target = IPAddress is null ? Name : $"{Name} ({IPAddress})";
        void Refuse(string message, string parameter) =>
            WriteNonTerminating(new ArgumentException(message, parameter), "PintInvalidValue", ErrorCategory.InvalidArgument, target);

        if (!string.IsNullOrWhiteSpace(ClientDuid))
        {
            if (_commandLine.Contains(nameof(MacAddress)))
            {
                Refuse("-MacAddress and -ClientDuid: a reservation is by MAC address (DHCPv4) or by DUID (DHCPv6); give one of them.", nameof(MacAddress));
                return;
            }
            Ipv6Prefix? prefix = null;
            if (!string.IsNullOrWhiteSpace(Prefix))
            {
                try { prefix = Ipv6Prefix.Parse(Prefix, "-Prefix"); }
                catch (PintEditException e) { Refuse(e.Message, nameof(Prefix)); return; }
            }
            if (Iaid is not null)
                WriteVerbose($"IAID {Iaid} is not written: dnsmasq reserves the address for the DUID, whichever of its identity associations asks.");
            var added6 = EditConfig("Add DHCPv6 reservation", target,
                (session, config) => Dhcp6Editing.AddReservation(session, config, Name, ClientDuid, IPAddress, prefix));
            if (added6 && PassThru)
            {
                var address = IPAddress!.ToString();
                var view = Dhcp6Editing.Hosts(LoadConfigForRead(ConfigFile).Config, ConfigFile)
                    .LastOrDefault(v => v.Host.Kind == PintHostKind.Reservation && Dhcp6Editing.SameAddress(v.Host.IPAddress, address));
                if (view is not null) WriteObject(GetPintHostCommand.View(view));
            }
            return;
        }
        if (MacAddress is not null && MacAddress.Length == 0)
        {
            // What [ValidateNotNullOrEmpty] said before -ClientDuid: terminating on the command line, per record from the pipeline.
            var e = new ArgumentException("Cannot validate argument on parameter 'MacAddress'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.", nameof(MacAddress));
            if (_commandLine.Contains(nameof(MacAddress))) ThrowTerminating(e, "ParameterArgumentValidationError", ErrorCategory.InvalidData, MacAddress);
            WriteNonTerminating(e, "ParameterArgumentValidationError", ErrorCategory.InvalidData, target);
            return;
        }
        if (Iaid is not null || !string.IsNullOrWhiteSpace(Prefix))
        {
            var p = Iaid is not null ? nameof(Iaid) : nameof(Prefix);
            Refuse($"-{p} belongs to a DHCPv6 reservation; give -ClientDuid (the client's DUID) with it.", p);
            return;
        }
        var added = EditConfig(MacAddress is null ? "Add host record" : "Add DHCP reservation", target,
            (session, config) => HostCatalog.Add(session, config, Name, IPAddress, MacAddress));
        if (added && PassThru)
        {
            var loaded = LoadConfigForRead(ConfigFile);
            var host = Dhcp6Editing.Hosts(loaded.Config, ConfigFile).LastOrDefault(h => HostCatalog.NameEquals(h.Host.Name, Name));
            if (host is not null) WriteObject(GetPintHostCommand.View(host));
        }
    }
}
