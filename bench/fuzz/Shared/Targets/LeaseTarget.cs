using System.Text;
using Pint.Engine.Dhcp.Leases;

namespace Pint.Fuzz;

/// <summary>
/// Lease file text through <see cref="LeaseFile.Parse"/> and each line through <see cref="LeaseFile.TryParseLine"/>:
/// never throws, and a line that parses writes back (<see cref="LeaseFile.FormatLine(DhcpLease)"/>) to the same lease.
/// </summary>
public sealed class LeaseTarget : FuzzTarget
{
    public override string Name => "lease";

    public override IReadOnlyList<byte[]> Seeds { get; } = FuzzSeeds.Words(
        "1732454400 52:54:00:aa:bb:01 192.168.122.10 host1 01:52:54:00:aa:bb:01\n",
        "0 52:54:00:aa:bb:02 192.168.122.11 * *\n1732454400 20-00:11:22:33:44:55:66:77:88:99 10.0.0.5 ib-host *\n",
        "1732454400 52:54:00:aa:bb:01 192.168.122.10 host1 *\nduid 00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01\n1732454400 1234 2001:db8::5 v6 00:01\n",
        "1732454400 52:54:00:aa:bb:03 192.168.122.12 torn *");

    public override IReadOnlyList<byte[]> Dictionary { get; } = FuzzSeeds.Words(
        " ", "  ", "\n", "\r\n", "*", ":", "-", ".", "duid ", "0", "9223372036854775807", "253402300800", "-1",
        "52:54:00:aa:bb:01", "ff", "20-", "192.168.1.1", "1.2.3", "::1", "01:", "\t", "\0", "\u00e9");

    public override int MaxInputLength => 4096;

    public override int Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var result = LeaseFile.Parse(text, "leases");
        var parsedLines = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!LeaseFile.TryParseLine(line, out var lease, out var error))
            {
                FuzzPropertyException.Check(error.Length > 0, "a rejected lease line says why");
                continue;
            }
            parsedLines++;
            var written = LeaseFile.FormatLine(lease);
            FuzzPropertyException.Check(LeaseFile.TryParseLine(written.TrimEnd('\n'), out var again, out _) && SameLease(lease, again),
                $"a parsed lease writes back to the same lease: '{written.TrimEnd()}'");
        }
        return HashCode.Combine(Math.Min(result.Leases.Count, 3), Math.Min(result.Diagnostics.Count, 3), result.DuidLine is null,
            Math.Min(parsedLines, 3), result.Diagnostics.FirstOrDefault()?.Message.Split(' ').Take(2).LastOrDefault());
    }

    // An expiry before 1970-01-01T00:00:01 is written as 1 (0 would mean infinite), so only later times round-trip exactly.
    private static bool SameLease(DhcpLease a, DhcpLease b) =>
        a.Address.Equals(b.Address) && a.HardwareAddress == b.HardwareAddress && a.HostName == b.HostName && a.ClientId == b.ClientId
        && (a.Expires == b.Expires || (a.Expires?.ToUnixTimeSeconds() < 1 && b.Expires?.ToUnixTimeSeconds() == 1));
}
