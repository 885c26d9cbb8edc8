namespace Pint.Service;

/// <summary>dnsmasq's command-line options that matter to a service manager, and Pint's few additions.</summary>
/// <param name="Metrics">--metrics ADDR:PORT: serve Prometheus metrics there (a port alone: loopback).</param>
public sealed record CommandLine(string? ConfigPath, bool Test, bool AllowUnsupported, bool Help, string? ControlSocket = null, System.Net.IPEndPoint? Metrics = null)
{
    public const string Usage = "usage: pint [-C|--conf-file FILE] [--test] [-k|--keep-in-foreground] [--allow-unsupported] [--control-socket PATH] [--metrics ADDR:PORT]";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? config = null, control = null;
        System.Net.IPEndPoint? metrics = null;
        bool test = false, allow = false, help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-C" or "--conf-file")
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"{a} needs a file name");
                config = args[++i];
            }
            else if (a.StartsWith("--conf-file=", StringComparison.Ordinal)) config = a["--conf-file=".Length..];
            else if (a == "--test") test = true;
            else if (a == "--control-socket")
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"{a} needs a path");
                control = args[++i];
            }
            else if (a == "--metrics" || a.StartsWith("--metrics=", StringComparison.Ordinal))
            {
                var text = a == "--metrics" ? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{a} needs ADDR:PORT, e.g. 127.0.0.1:9153")) : a["--metrics=".Length..];
                try { metrics = Pint.Engine.Hosting.MetricsEndpoint.Parse(text); }
                catch (FormatException e) { throw new ArgumentException(e.Message, e); }
            }
            // Pint never forks: these keep dnsmasq command lines working.
            else if (a is "-k" or "--keep-in-foreground" or "-d" or "--no-daemon") { }
            else if (a == "--allow-unsupported") allow = true;
            else if (a is "-h" or "--help") help = true;
            else throw new ArgumentException($"unknown argument '{a}'");
        }
        return new CommandLine(config, test, allow, help, control, metrics);
    }
}
