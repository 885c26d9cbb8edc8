using System.Globalization;
using Pint.Soak;

// pint-soak [--minutes M] [--sample-seconds S] [--dns-qps N] [--pint PATH/pint.dll]: DNS, DHCP and TFTP load at once
// against one service host; prints the table as it goes and a verdict; exit 1 on a failed verdict.
var minutes = 5.0;
var sampleSeconds = 10.0;
var qps = 3000;
string? pint = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--minutes": minutes = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--sample-seconds": sampleSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--dns-qps": qps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--pint": pint = args[++i]; break;
        default:
            Console.Error.WriteLine($"pint-soak: unknown argument '{args[i]}'\nusage: pint-soak [--minutes M] [--sample-seconds S] [--dns-qps N] [--pint pint.dll]");
            return 2;
    }
}
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("pint-soak: the service host binds DHCP port 67: run as root");
    return 2;
}

var duration = TimeSpan.FromMinutes(minutes);
var settings = new SoakSettings(pint ?? PintServiceProcess.Locate(AppContext.BaseDirectory), duration,
    WarmUp: TimeSpan.FromSeconds(Math.Min(30, duration.TotalSeconds / 5)), SampleEvery: TimeSpan.FromSeconds(sampleSeconds), DnsQueriesPerSecond: qps);
Console.WriteLine($"soak: {settings.PintDll}, {minutes} min, dns {qps} qps, dhcp {settings.DhcpClientsInFlight} clients in flight (<= {SoakRun.DhcpExchangesPerSecond}/s), tftp {settings.TftpDownloadsInFlight} downloads in flight");
Console.WriteLine(SoakSample.Header);
var (_, verdict) = await SoakRun.RunAsync(settings, sample => Console.WriteLine(sample));
Console.WriteLine(verdict.Summary);
Console.WriteLine(verdict.Passed ? "verdict: PASS" : "verdict: FAIL\n" + string.Join("\n", verdict.Failures));
return verdict.Passed ? 0 : 1;
