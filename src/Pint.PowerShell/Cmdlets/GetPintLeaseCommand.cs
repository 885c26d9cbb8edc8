using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Management;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Lists DHCP leases, with the property names of Windows' Get-DhcpServerv4Lease: the live table when a server for
/// the config runs in this session or as the local service, else the lease file the config names
/// (dhcp-leasefile=). Bad lines in the file are reported as warnings with their line number and skipped. DHCPv6
/// leases (the file's lines after its duid line, or the live DHCPv6 table) follow the IPv4 ones, with AddressFamily
/// InterNetworkV6, the client's DUID and IAID; -AddressFamily picks one family.
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

    /// <summary>Only leases of this family: InterNetwork (DHCPv4) or InterNetworkV6 (DHCPv6). Both when not given.</summary>
    [Parameter]
    [ValidateSet("InterNetwork", "InterNetworkV6")]
    public AddressFamily[]? AddressFamily { get; set; }

    /// <summary>DHCPv6 client DUIDs (colon or dash hex, any case).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ClientDuid")]
    public string[]? Duid { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<PintLease> leases;
        if (FindLiveServer() is { } live)
        {
            leases = Wants(System.Net.Sockets.AddressFamily.InterNetworkV6) ? [.. live.Leases(), .. live.Leases6()] : live.Leases();
        }
        else
        {
            var loaded = LoadConfigForRead(ConfigFile);
            (leases, var diagnostics) = LeaseCatalog.ReadAll(loaded.Config, WorkingDirectory, DateTimeOffset.Now);
            foreach (var d in diagnostics) WriteWarning(d.ToString());
        }
        var duids = Duid?.Select(NormalDuid).ToArray();
        var names = HostName?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var lease in leases)
        {
            if (IPAddress is not null && !IPAddress.Any(a => a.ToString() == lease.IPAddress)) continue;
            if (!Wants(lease.AddressFamily)) continue;
            if (ClientId is not null && !ClientId.Any(m => MacAddressText.SameAddress(m, lease.ClientId) || (lease.MacAddress is { } mac && MacAddressText.SameAddress(m, mac)))) continue;
            if (duids is not null && (lease.Duid is null || !duids.Contains(NormalDuid(lease.Duid)))) continue;
            if (names is not null && (lease.HostName is null || !names.Any(p => p.IsMatch(lease.HostName)))) continue;
            if (ScopeId is not null && !ScopeId.Any(s => s.ToString() == lease.ScopeId)) continue;
            WriteObject(lease);
        }
    }

    private bool Wants(AddressFamily family) => AddressFamily is null || AddressFamily.Contains(family);

    private static string NormalDuid(string text) => text.Trim().Replace('-', ':').ToLowerInvariant();
}
