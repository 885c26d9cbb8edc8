namespace Pint.Soak;

/// <summary>
/// One row of the soak table: the service's memory and descriptors, the load's rates since the last row, and the
/// lease file's size (new clients keep appending to it; it must compact rather than grow without end).
/// </summary>
public sealed record SoakSample(
    TimeSpan Elapsed, double RssMib, int Fds, double DnsQps, long DnsLost, long Wrong, double DhcpAcksPerSecond, double LeaseFileKib, double TftpMibPerSecond, long Errors, double LoadAverage)
{
    public const string Header = "elapsed   RSS MiB   fds   dns qps   dns lost   wrong   dhcp acks/s   lease file KiB   tftp MiB/s   errors   load";

    public override string ToString() =>
        $"{Elapsed:mm\\:ss}   {RssMib,7:F1}   {Fds,3}   {DnsQps,7:F0}   {DnsLost,8}   {Wrong,5}   {DhcpAcksPerSecond,11:F0}   {LeaseFileKib,14:F0}   {TftpMibPerSecond,10:F1}   {Errors,6}   {LoadAverage,4:F1}";

    /// <summary>The machine's 1-minute load average: a busy machine explains lost UDP queries.</summary>
    public static double MachineLoad() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
