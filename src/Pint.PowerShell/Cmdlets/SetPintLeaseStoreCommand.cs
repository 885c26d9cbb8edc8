using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Sets where the DHCP server keeps its leases: dnsmasq's lease file (-File) or a PostgreSQL database several Pint
/// servers share (-PostgreSql -ConnectionString, with -ServerId naming this server in it). The lines go into
/// pint-leasestore.conf beside the config, which the config includes by one conf-file= line.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PintLeaseStore", SupportsShouldProcess = true, DefaultParameterSetName = PostgreSqlSet)]
[OutputType(typeof(PintLeaseStore))]
public sealed class SetPintLeaseStoreCommand : PintConfigCmdlet
{
    private const string FileSet = "File", PostgreSqlSet = "PostgreSql";

    /// <summary>Keep leases in dnsmasq's lease file (dhcp-leasefile=), the default.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    public SwitchParameter File { get; set; }

    /// <summary>Keep leases in a PostgreSQL database that several servers share.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PostgreSqlSet)]
    public SwitchParameter PostgreSql { get; set; }

    /// <summary>The Npgsql connection string: Host=...;Port=...;Database=...;Username=...[;Password=...].</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PostgreSqlSet)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>This server's id in the database (pint-server-id=); without it a line already there stays, else the host name is used.</summary>
    [Parameter(ParameterSetName = PostgreSqlSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ServerId { get; set; }

    /// <summary>Write the setting to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var kind = ParameterSetName == FileSet ? LeaseStoreKind.File : LeaseStoreKind.PostgreSql;
        var target = kind == LeaseStoreKind.File ? "lease file" : "PostgreSQL " + LeaseStoreEditing.MaskPassword(ConnectionString);
        var unchanged = false;
        var changed = EditConfig("Set lease store", target, (session, config) =>
        {
            LeaseStoreEditing.SetLeaseStore(session, config, kind, kind == LeaseStoreKind.File ? null : ConnectionString);
            if (ServerId is not null) LeaseStoreEditing.SetServerId(session, ServerId);
            unchanged = session.PendingChanges.Count == 0;
        });
        if (PassThru && (changed || unchanged))
            WriteObject(GetPintLeaseStoreCommand.Describe(LoadConfigForRead(ConfigFile).Config, ConfigFile));
    }
}
