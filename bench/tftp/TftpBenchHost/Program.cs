// Runs Pint's TFTP server for benchmarks: TftpBenchHost ROOT PORT [ADDRESS]. Stops on Ctrl+C or SIGTERM.
using System.Net;
using System.Runtime.InteropServices;
using Pint.Engine.Tftp;

if (args.Length < 2 || !int.TryParse(args[1], out int port))
{
    Console.Error.WriteLine("usage: TftpBenchHost ROOT PORT [ADDRESS]");
    return 2;
}
var address = args.Length > 2 ? IPAddress.Parse(args[2]) : IPAddress.Loopback;
await using var server = new TftpServer(new TftpServerOptions
{
    Root = args[0],
    ListenEndPoints = [new IPEndPoint(address, port)],
});
await server.StartAsync();
Console.WriteLine($"listening on {string.Join(", ", server.BoundEndPoints)}");

var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
await server.StopAsync();
var counters = server.Counters;
Console.WriteLine($"transfers: {counters.TransfersCompleted} completed, {counters.TransfersFailed} failed, {counters.Refused} refused; retransmissions {counters.Retransmissions}");
return 0;
