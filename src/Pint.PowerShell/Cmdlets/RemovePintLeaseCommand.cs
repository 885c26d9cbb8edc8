using System.Management.Automation;
using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Management;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Frees DHCP leases, by address, by MAC, or as Get-PintLease sends them down the pipeline. On a running server
/// (in this session or the local service) the server ends the lease itself: journaled durably, its name withdrawn
/// from DNS. With no server running, the lease file is rewritten atomically under the file's lock; a file some
/// other server still owns is refused, never edited beneath it.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "PintLease", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByAddress)]
[OutputType(typeof(void))]
public sealed class RemovePintLeaseCommand : PintDhcpCmdlet
{
    private const string ByAddress = "ByAddress", ByClientId = "ByClientId";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByAddress, ValueFromPipelineByPropertyName = true)]
    public IPAddress[] IPAddress { get; set; } = Array.Empty<IPAddress>();

    [Parameter(Mandatory = true, ParameterSetName = ByClientId)]
    [Alias("MacAddress")]
    public string[] ClientId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var live = FindLiveServer();
        string? leaseFile = null;
        IReadOnlyList<PintLease> current;
        if (live is not null)
        {
            current = live.Leases();
        }
        else
        {
            var config = LoadConfigForRead(ConfigFile).Config;
            leaseFile = LeaseCatalog.LeaseFilePath(config, WorkingDirectory);
            current = LeaseCatalog.Read(config, WorkingDirectory, DateTimeOffset.Now).Leases;
        }

        foreach (var lease in Targets(current))
        {
            var target = lease.HostName is null ? $"{lease.IPAddress} ({lease.ClientId})" : $"{lease.IPAddress} ({lease.ClientId}, {lease.HostName})";
            if (!ShouldProcess(live is null ? $"{target} in {leaseFile}" : $"{target} on the server in {live.Location}", "Remove DHCP lease")) continue;
            var address = System.Net.IPAddress.Parse(lease.IPAddress);
            try
            {
                if (live is not null) live.Remove(address);
                else if (LeaseFileEditor.Remove(leaseFile!, l => l.Address.Equals(address)).Count == 0)
                    throw new ItemNotFoundException($"No lease holds {address} in {leaseFile} any more.");
            }
            catch (LeaseFileInUseException e)
            {
                WriteNonTerminating(new IOException($"{e.Message} Remove the lease through that server: run this where it runs, or give its -ControlSocket.", e), "LeaseFileInUse", ErrorCategory.ResourceBusy, leaseFile);
            }
            catch (Exception e) when (e is InvalidOperationException or ItemNotFoundException)
            {
                WriteNonTerminating(e, "LeaseNotFound", ErrorCategory.ObjectNotFound, lease.IPAddress);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteNonTerminating(new IOException($"Could not remove the lease of {address}: {e.Message}", e), "LeaseRemoveFailed", ErrorCategory.WriteError, lease.IPAddress);
            }
        }
    }

    private IEnumerable<PintLease> Targets(IReadOnlyList<PintLease> current)
    {
        var (keys, match) = ParameterSetName == ByClientId
            ? (ClientId, (Func<PintLease, string, bool>)((l, k) => MacAddressText.SameAddress(l.ClientId, k)))
            : (IPAddress.Select(a => a.ToString()).ToArray(), (l, k) => l.IPAddress == k);
        foreach (var key in keys)
        {
            var found = current.Where(l => match(l, key)).ToList();
            if (found.Count == 0)
                WriteNonTerminating(new ItemNotFoundException($"No lease matches '{key}'."), "LeaseNotFound", ErrorCategory.ObjectNotFound, key);
            foreach (var lease in found) yield return lease;
        }
    }
}
