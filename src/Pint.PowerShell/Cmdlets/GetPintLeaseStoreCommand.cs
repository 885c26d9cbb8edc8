using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Shows where the config keeps its DHCP leases: the lease file, or a shared PostgreSQL database (password masked).</summary>
[Cmdlet(VerbsCommon.Get, "PintLeaseStore")]
[OutputType(typeof(PintLeaseStore))]
public sealed class GetPintLeaseStoreCommand : PintConfigCmdlet
{
    protected override void ProcessRecord()
    {
        var path = ConfigFile;
        WriteObject(Describe(LoadConfigForRead(path).Config, path));
    }

    internal static PintLeaseStore Describe(PintConfig config, string configPath)
    {
        var store = config.Dhcp.LeaseStore;
        return new PintLeaseStore
        {
            Kind = store.Kind,
            ConnectionString = store.ConnectionString is null ? null : LeaseStoreEditing.MaskPassword(store.ConnectionString),
            ServerId = config.Dhcp.EffectiveServerId,
            ServerIdIsHostName = config.Dhcp.ServerId is null,
            LeaseFile = store.Kind == LeaseStoreKind.File ? config.Dhcp.LeaseFile : null,
            Source = store.Source?.File,
            Line = store.Source?.Line,
            ConfigPath = configPath,
        };
    }
}
