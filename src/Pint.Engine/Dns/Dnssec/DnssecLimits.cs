namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// dnssec-limits=FAILS,WORK,SUBQUERIES,NSEC3ITERATIONS, the work one validation may cost before the answer counts as
/// bogus (dnsmasq 2.90's man page, defaults in brackets): signature checks that fail per RRset (20), signature checks
/// and DS digests per query (200; reaching it fails, as dnsmasq counts), DS and DNSKEY sub-queries per query (40), and the iterations of an NSEC3 record
/// (150; more and the record is not used: RFC 9276 3.2 lets that answer be insecure).
/// </summary>
public sealed record DnssecLimits(int FailsPerRrset = 20, int WorkPerQuery = 200, int SubQueries = 40, int Nsec3Iterations = 150)
{
    public static DnssecLimits Default { get; } = new();

    /// <summary>
    /// The option's value as dnsmasq 2.90 reads it (observed with --test): up to four comma-separated counts, 0 or an
    /// empty field leaving that default, fields past the fourth ignored, anything but digits an error; null then.
    /// </summary>
    public static DnssecLimits? Parse(string? value, out string? error)
    {
        error = null;
        var limits = Default;
        if (string.IsNullOrEmpty(value)) return limits;
        var fields = value.Split(',');
        for (int i = 0; i < Math.Min(fields.Length, 4); i++)
        {
            var field = fields[i];
            if (!field.All(char.IsAsciiDigit))
            {
                error = $"bad value '{field}' in dnssec-limits: expected a count (0 keeps the default)";
                return null;
            }
            // dnsmasq reads each with atoi: digits past an int are taken as the largest count.
            int n = field.Length == 0 ? 0 : long.TryParse(field, out long l) && l <= int.MaxValue ? (int)l : int.MaxValue;
            if (n == 0) continue;
            limits = i switch
            {
                0 => limits with { FailsPerRrset = n },
                1 => limits with { WorkPerQuery = n },
                2 => limits with { SubQueries = n },
                _ => limits with { Nsec3Iterations = n },
            };
        }
        return limits;
    }

    public override string ToString() => $"{FailsPerRrset},{WorkPerQuery},{SubQueries},{Nsec3Iterations}";
}
