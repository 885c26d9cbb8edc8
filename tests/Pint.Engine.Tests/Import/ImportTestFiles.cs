using Pint.Engine.Hosting;
using Pint.Engine.Import;
using Pint.Engine.Tests.Config;

namespace Pint.Engine.Tests.Import;

/// <summary>Sample import files and a scratch config to import into.</summary>
internal static class ImportTestFiles
{
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Import", name);

    /// <summary>An "empty" config: nothing but the lease file it names, in a scratch folder.</summary>
    public static (TempConfigDirectory Dir, string Config, string Leases) EmptyConfig()
    {
        var dir = new TempConfigDirectory();
        var leases = dir.Combine("pint.leases");
        var config = dir.Write("pint.conf", $"no-hosts\ndhcp-leasefile={leases}\n");
        return (dir, config, leases);
    }

    public static ImportOutcome RunImport(string config, Func<Pint.Engine.Config.PintConfig, ImportPlan> plan, bool confirm = true) =>
        ImportRunner.Run(config, Path.GetDirectoryName(config)!, plan, _ => confirm);

    public static ImportOutcome ImportDhcp(string config, string export) =>
        RunImport(config, c => WindowsDhcpImport.Plan(WindowsDhcpExportReader.Read(export), c));

    public static Pint.Engine.Config.PintConfig Load(string config)
    {
        var loaded = Pint.Engine.Config.ConfigLoader.Load(config, new() { AllowUnsupported = true, WorkingDirectory = Path.GetDirectoryName(config)! });
        Xunit.Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Pint.Engine.Config.DiagnosticSeverity.Error);
        return loaded.Config;
    }

    public static IPintLog Log => NullPintLog.Instance;
}
