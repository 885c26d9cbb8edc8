using System.Runtime.InteropServices;
using Pint.Engine.Config;
using Pint.Engine.Hosting;

namespace Pint.Service;

/// <summary>
/// The engine as a plain process, with dnsmasq's command line for the options that matter to a service manager:
/// -C/--conf-file, --test, -k/--keep-in-foreground. Logs go to stderr.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string? configPath = null;
        var test = false;
        var allowUnsupported = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a is "-C" or "--conf-file" && i + 1 < args.Length) configPath = args[++i];
            else if (a.StartsWith("--conf-file=", StringComparison.Ordinal)) configPath = a["--conf-file=".Length..];
            else if (a == "--test") test = true;
            else if (a is "-k" or "--keep-in-foreground" or "-d" or "--no-daemon") { /* always in the foreground */ }
            else if (a == "--allow-unsupported") allowUnsupported = true;
            else if (a is "-h" or "--help") { Console.WriteLine("usage: pint [-C|--conf-file FILE] [--test] [-k|--keep-in-foreground] [--allow-unsupported]"); return 0; }
            else { Console.Error.WriteLine($"pint: unknown argument '{a}' (try --help)"); return 2; }
        }
        var path = PintPaths.ResolveConfigPath(configPath);

        if (test)
        {
            if (!File.Exists(path)) { Console.Error.WriteLine($"pint: config file '{path}' does not exist"); return 1; }
            var loaded = ConfigLoader.Load(path, new ConfigLoadOptions { AllowUnsupported = allowUnsupported });
            foreach (var d in loaded.Diagnostics) Console.Error.WriteLine($"pint: {d}");
            Console.Error.WriteLine(loaded.HasErrors ? "pint: syntax check failed" : "pint: syntax check OK.");
            return loaded.HasErrors ? 1 : 0;
        }

        var log = new ConsoleLog();
        PintServerHost host;
        try
        {
            host = PintServerHost.Load(path, new PintHostOptions { AllowUnsupported = allowUnsupported }, log);
            await host.StartAsync();
        }
        catch (Exception e) when (e is PintConfigException or FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"pint: {e.Message}");
            return 1;
        }

        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        await host.StopAsync();
        return 0;
    }

    private sealed class ConsoleLog : IPintLog
    {
        public bool IsEnabled(PintLogLevel level) => level >= PintLogLevel.Information;

        public void Write(PintLogLevel level, string category, string message)
        {
            if (IsEnabled(level)) Console.Error.WriteLine(new PintLogEntry(DateTimeOffset.Now, level, category, message));
        }
    }
}
