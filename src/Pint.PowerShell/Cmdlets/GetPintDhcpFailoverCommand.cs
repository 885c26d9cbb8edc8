using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the DHCP failover relationships (pint-dhcp-failover= lines), with the property names of Windows' Get-DhcpServerv4Failover.</summary>
[Cmdlet(VerbsCommon.Get, "PintDhcpFailover")]
[OutputType(typeof(PintDhcpFailover))]
public sealed class GetPintDhcpFailoverCommand : PintConfigCmdlet
{
    /// <summary>Relationship names to list; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var path = ConfigFile;
        var all = List(LoadConfigForRead(path).Config, path).ToList();
        if (Name is null)
        {
            WriteObject(all, enumerateCollection: true);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var hits = all.Where(f => pattern.IsMatch(f.Name)).ToList();
            if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteNonTerminating(new ItemNotFoundException($"No DHCP failover relationship '{name}' in {path} or the files it includes."),
                    "FailoverNotFound", ErrorCategory.ObjectNotFound, name);
            WriteObject(hits, enumerateCollection: true);
        }
    }

    /// <summary>The relationships, with their states read from the database (one read for all) when <paramref name="readStates"/>.</summary>
    internal static IEnumerable<PintDhcpFailover> List(PintConfig config, string configPath, bool readStates = true)
    {
        IReadOnlyList<Pint.Engine.Management.FailoverStatus?> states = readStates
            ? Pint.Engine.Management.FailoverStates.Read(config)
            : config.Dhcp.Failovers.Select(_ => (Pint.Engine.Management.FailoverStatus?)null).ToArray();
        return config.Dhcp.Failovers.Select((f, i) => new PintDhcpFailover
        {
            State = states[i]?.State,
            PartnerLastSeen = states[i]?.PartnerLastSeen,
            ServerLastSeen = states[i]?.ServerLastSeen,
            Name = f.Name,
            PartnerServer = f.Settings.PartnerServerId,
            Mode = f.Settings.Mode,
            ServerRole = f.Settings.Role,
            LoadBalancePercent = f.Settings.LoadBalancePercent,
            StateSwitchInterval = f.Settings.PartnerDownAfter,
            HeartbeatInterval = f.Settings.HeartbeatInterval,
            ScopeId = f.ScopeIds.ToArray(),
            Source = f.Source.File,
            Line = f.Source.Line,
            ConfigPath = configPath,
        });
    }
}
