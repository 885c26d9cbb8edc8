using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Lists DHCP leases, with the property names of Windows' Get-DhcpServerv4Lease: the live table when a server for
/// the config runs in this session or as the local service, else the lease file the config names
/// (dhcp-leasefile=). Bad lines in the file are reported as warnings with their line number and skipped.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PintLease")]
[OutputType(typeof(PintLease))]
public sealed class GetPintLeaseCommand : PintDhcpCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? IPAddress { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("MacAddress")]
    public string[]? ClientId { get; set; }

    /// <summary>Host names; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? HostName { get; set; }

    /// <summary>Only leases in the ranges of these networks.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? ScopeId { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<PintLease> leases;
        if (FindLiveServer() is { } live)
        {
            leases = live.Leases();
        }
        else
        {
            var loaded = LoadConfigForRead(ConfigFile);
            (leases, var diagnostics) = LeaseCatalog.Read(loaded.Config, WorkingDirectory, DateTimeOffset.Now);
            foreach (var d in diagnostics) WriteWarning(d.ToString());
        }
        var names = HostName?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var lease in leases)
        {
            if (IPAddress is not null && !IPAddress.Any(a => a.ToString() == lease.IPAddress)) continue;
            if (ClientId is not null && !ClientId.Any(m => MacAddressText.SameAddress(m, lease.ClientId))) continue;
            if (names is not null && (lease.HostName is null || !names.Any(p => p.IsMatch(lease.HostName)))) continue;
            if (ScopeId is not null && !ScopeId.Any(s => s.ToString() == lease.ScopeId)) continue;
            WriteObject(lease);
        }
    }
}
