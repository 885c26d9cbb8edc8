using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pint.Engine.Config;
using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;

namespace Pint.Service;

/// <summary>
/// The engine as a service: `pint -C /etc/pint/pint.conf` under systemd (Type=notify) or the Windows service
/// manager, or in a console. `--test` checks the config and exits non-zero naming the bad line, as dnsmasq's does.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine cmd;
        try { cmd = CommandLine.Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"pint: {e.Message}");
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }
        if (cmd.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }
        var path = PintPaths.ResolveConfigPath(cmd.ConfigPath);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"pint: config file '{path}' does not exist");
            return 1;
        }
        if (cmd.Test) return CheckConfig(path, cmd.AllowUnsupported);

        PintServerHost host;
        try
        {
            host = PintServerHost.Load(path, new PintHostOptions { AllowUnsupported = cmd.AllowUnsupported, ControlSocket = cmd.ControlSocket ?? ControlPaths.Default, MetricsEndpoint = cmd.Metrics }, new ConsoleLog());
        }
        catch (PintConfigException e)
        {
            Console.Error.WriteLine($"pint: {e.Message}");
            return 1;
        }

        // The empty builder: no appsettings.json, environment or command-line configuration, no config-file
        // watcher and no console logger (Pint logs itself), so none of their assemblies are loaded (bench/footprint).
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSystemd();
        // Only on Windows: elsewhere the JIT then never loads the Windows service and event log assemblies.
        if (OperatingSystem.IsWindows()) builder.Services.AddWindowsService(o => o.ServiceName = "Pint");
        builder.Services.AddSingleton(host);
        builder.Services.AddHostedService<PintHostedService>();
        try
        {
            await builder.Build().RunAsync();
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A port in use or a missing permission: say which, and let the service manager restart us.
            Console.Error.WriteLine($"pint: cannot start: {e.Message}");
            return 1;
        }
    }

    private static int CheckConfig(string path, bool allowUnsupported)
    {
        var loaded = PintSetup.Check(path, new ConfigLoadOptions { AllowUnsupported = allowUnsupported });
        foreach (var d in loaded.Diagnostics) Console.Error.WriteLine($"pint: {d}");
        Console.Error.WriteLine(loaded.HasErrors ? "pint: syntax check failed" : "pint: syntax check OK.");
        return loaded.HasErrors ? 1 : 0;
    }
}
