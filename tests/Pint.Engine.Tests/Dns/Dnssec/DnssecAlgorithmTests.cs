using System.Buffers.Binary;
using System.Globalization;
using Pint.Engine.Dns;
using Pint.Engine.Dns.Dnssec;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dns.Dnssec;

/// <summary>
/// Each signing algorithm against records made at test time by BIND's own tools:
/// <c>dnssec-keygen -a ALG -n ZONE [-f KSK] example.</c> twice, then <c>dnssec-signzone -O full -P -o example. zone</c>
/// and <c>dnssec-dsfromkey -a SHA-1, SHA-256, SHA-384</c>. Skips (fails under CI) without bind9-utils.
/// </summary>
public class DnssecAlgorithmTests
{
    [Theory]
    [InlineData("RSASHA256", 8)]
    [InlineData("RSASHA512", 10)]
    [InlineData("ECDSAP256SHA256", 13)]
    [InlineData("ECDSAP384SHA384", 14)]
    [InlineData("ED25519", 15)]
    [InlineData("ED448", 16)]
    public void Bind_signatures_and_digests_verify(string name, byte algorithm)
    {
        var keygen = ConfigTestTools.RequireTool("dnssec-keygen");
        var signzone = ConfigTestTools.RequireTool("dnssec-signzone");
        var dsfromkey = ConfigTestTools.RequireTool("dnssec-dsfromkey");
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-alg-");
        try
        {
            string Run(string tool, params string[] args)
            {
                var (code, text) = ConfigTestTools.Run("bash", "-c", $"cd {dir.FullName} && {tool} {string.Join(' ', args)}");
                Assert.True(code == 0, text);
                return text;
            }
            Run(keygen, "-q", "-a", name, "-f", "KSK", "-n", "ZONE", "example.");
            Run(keygen, "-q", "-a", name, "-n", "ZONE", "example.");
            File.WriteAllText(Path.Combine(dir.FullName, "zone"),
                "$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\nns A 192.0.2.53\nwww A 192.0.2.1\nwww A 192.0.2.2\nMixed A 192.0.2.3\n"
                + string.Concat(Directory.GetFiles(dir.FullName, "K*.key").Select(k => $"$INCLUDE {k}\n")));
            Run(signzone, "-q", "-O", "full", "-P", "-o", "example.", "-f", "zone.signed", "zone");
            var records = File.ReadAllLines(Path.Combine(dir.FullName, "zone.signed")).Select(Presentation.Parse).OfType<DnssecRecord>().ToList();

            var keys = records.Select(Dnskey.Parse).OfType<Dnskey>().ToList();
            Assert.Equal(2, keys.Count);
            Assert.All(keys, k => Assert.Equal(algorithm, k.Algorithm));
            var now = DateTimeOffset.UtcNow;
            foreach (var (owner, type) in new[] { ("www.example.", DnsType.A), ("mixed.example.", DnsType.A), ("example.", DnsType.DNSKEY), ("example.", DnsType.SOA) })
            {
                var rrset = records.Where(r => r.Type == type && DnsName.ToText(r.Owner).TrimEnd('.') + "." == owner).ToList();
                var sigs = records.Where(r => r.CoveredType == type && r.Type == DnsType.RRSIG && DnsName.ToText(r.Owner).TrimEnd('.') + "." == owner)
                    .Select(Rrsig.Parse).OfType<Rrsig>().ToList();
                Assert.NotEmpty(rrset);
                Assert.Contains(sigs, s => keys.Any(k => RrsetVerifier.Verify(s, k, rrset, now, checkTime: true)));
                // One byte of the data changed: no signature holds.
                var changed = rrset.Select((r, i) => i == 0 ? r with { Data = Flip(r.Data) } : r).ToList();
                Assert.DoesNotContain(sigs, s => keys.Any(k => RrsetVerifier.Verify(s, k, changed, now, checkTime: true)));
                // Outside the window (dnssec-signzone signs for 30 days from an hour ago) only dnssec-no-timecheck accepts it.
                Assert.DoesNotContain(sigs, s => keys.Any(k => RrsetVerifier.Verify(s, k, rrset, now.AddDays(60), checkTime: true)));
                Assert.Contains(sigs, s => keys.Any(k => RrsetVerifier.Verify(s, k, rrset, now.AddDays(60), checkTime: false)));
            }

            var ksk = keys.Single(k => (k.Flags & 1) != 0);
            var kskFile = Directory.GetFiles(dir.FullName, $"Kexample.+{algorithm:D3}+{ksk.KeyTag:D5}.key").Single();
            foreach (var digest in new[] { "-a SHA-1", "-a SHA-256", "-a SHA-384" })
            {
                var ds = Presentation.Parse(Run(dsfromkey, digest, kskFile).Split('\n').First(l => l.Contains(" DS ")).Trim())!;
                var parsed = DsRecord.Parse(ds)!;
                Assert.Equal(ksk.KeyTag, parsed.KeyTag);
                Assert.True(parsed.Matches(ksk));
                Assert.False((parsed with { Digest = Flip(parsed.Digest) }).Matches(ksk));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static byte[] Flip(byte[] data)
    {
        var copy = data.ToArray();
        copy[^1] ^= 1;
        return copy;
    }

    [Fact]
    public void Key_tag_of_the_root_ksk_2017_is_20326()
    {
        // The root zone's KSK-2017 as IANA publishes it (root-anchors.xml): flags 257, protocol 3, algorithm 8.
        const string Key = "AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=";
        var rdata = new byte[4 + Convert.FromBase64String(Key).Length];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, 257);
        rdata[2] = 3;
        rdata[3] = 8;
        Convert.FromBase64String(Key).CopyTo(rdata, 4);
        Assert.Equal(20326, KeyTags.Of(rdata));
        var anchor = new TrustAnchor(".", 20326, 8, 2, Convert.FromHexString("E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D")).ToDs();
        Assert.True(anchor.Matches(new Dnskey([0], 257, 3, 8, rdata[4..], rdata)));
    }

    [Fact]
    public void Canonical_order_is_rfc_4034_6_1()
    {
        // The example order of RFC 4034 6.1.
        string[] ordered = ["example", "a.example", "yljkjljk.a.example", "Z.a.example", "zABC.a.EXAMPLE", "z.example", "\\001.z.example", "*.z.example", "\\200.z.example"];
        var names = ordered.Select(n => n.Replace("\\001", "\u0001").Replace("\\200", "\u0080")).Select(Wire).ToList();
        for (int i = 0; i + 1 < names.Count; i++) Assert.True(CanonicalName.Compare(names[i], names[i + 1]) < 0, $"{ordered[i]} < {ordered[i + 1]}");
    }

    [Fact]
    public void Nsec_whose_next_name_is_the_name_proves_it_exists_not_absent()
    {
        // dnsmasq 2.90 takes "alias NSEC gone" as proof that gone does not exist (observed); the name is the NSEC's next name.
        var nsec = new NsecRecord(Wire("alias.forged.test"), Wire("gone.forged.test"), []);
        Assert.False(nsec.Covers(Wire("gone.forged.test")));
        Assert.True(nsec.Covers(Wire("b.forged.test")));
        Assert.Equal(Denial.Unproven, NsecProof.Deny([nsec], Wire("gone.forged.test"), DnsType.A, nxDomain: true));
    }

    [Fact]
    public void Nsec3_hash_matches_rfc_5155_appendix_a()
    {
        // RFC 5155 Appendix A: salt AABBCCDD, 12 iterations; H(example) = 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.
        var record = new Nsec3Record(Wire("x.example"), 1, 0, 12, Convert.FromHexString("AABBCCDD"), [], [], []);
        Assert.Equal(Base32Hex.Decode("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"u8)!, record.Hash(Wire("example")));
    }

    private static byte[] Wire(string name) => DnsName.FromTextKeepCase(name);
}

/// <summary>Just enough of the zone-file presentation format (one record a line, as dnssec-signzone -O full writes) for the tests.</summary>
internal static class Presentation
{
    public static DnssecRecord? Parse(string line)
    {
        var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length > 1 && f[1] == "IN") f = [f[0], "0", .. f[1..]]; // dnssec-dsfromkey writes no TTL
        if (f.Length < 5 || line.StartsWith(';') || f[2] != "IN") return null;
        var owner = CanonicalName.Lower(DnsName.FromTextKeepCase(f[0].TrimEnd('.')));
        uint ttl = uint.Parse(f[1], CultureInfo.InvariantCulture);
        byte[]? data = f[3] switch
        {
            "A" => System.Net.IPAddress.Parse(f[4]).GetAddressBytes(),
            "DNSKEY" => [.. U16(f[4]), byte.Parse(f[5]), byte.Parse(f[6]), .. Convert.FromBase64String(string.Concat(f[7..]))],
            "DS" => [.. U16(f[4]), byte.Parse(f[5]), byte.Parse(f[6]), .. Convert.FromHexString(string.Concat(f[7..]))],
            "RRSIG" => [.. U16(((ushort)Enum.Parse<DnsType>(f[4])).ToString()), byte.Parse(f[5]), byte.Parse(f[6]), .. U32(uint.Parse(f[7])),
                .. U32(Time(f[8])), .. U32(Time(f[9])), .. U16(f[10]), .. CanonicalName.Lower(DnsName.FromTextKeepCase(f[11].TrimEnd('.'))),
                .. Convert.FromBase64String(string.Concat(f[12..]))],
            "SOA" => [.. DnsName.FromText(f[4].TrimEnd('.')), .. DnsName.FromText(f[5].TrimEnd('.')), .. f[6..11].SelectMany(v => U32(uint.Parse(v)))],
            _ => null,
        };
        if (data is null) return null;
        return new DnssecRecord(owner, Enum.Parse<DnsType>(f[3]), 1, ttl, data, DnsSection.Answer);
    }

    private static byte[] U16(string v) => [(byte)(ushort.Parse(v) >> 8), (byte)ushort.Parse(v)];
    private static byte[] U32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
    private static uint Time(string v) =>
        (uint)DateTimeOffset.ParseExact(v, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds();
}
