using Pint.Engine.Dhcp.Leases.Postgres;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Postgres;

/// <summary>
/// RFC 3074 gives the mixing table and the reference function (section 6) but no test vectors: the vectors here are
/// worked by hand from the table with the RFC's loop (hash = len; for i = len..1: hash = T[hash ^ key[i-1]]).
/// </summary>
public sealed class LoadBalanceHashTests
{
    [Fact]
    public void MixingTable_IsThe256DistinctValuesOfTheRfc()
    {
        var table = LoadBalanceHash.MixingTable.ToArray();
        Assert.Equal(256, table.Length);
        Assert.Equal(256, table.Distinct().Count());
        // Spot checks against RFC 3074 section 6 (first row, the row holding index 119, last row).
        Assert.Equal(new byte[] { 251, 175, 119, 215, 81, 14, 79, 191, 103, 49 }, table[..10]);
        Assert.Equal(150, table[119]);
        Assert.Equal(new byte[] { 149, 80, 170, 68, 6, 169, 234, 151 }, table[248..]);
    }

    [Theory]
    [InlineData(new byte[0], 0)]          // hash = len = 0, no rounds
    [InlineData(new byte[] { 0x00 }, 175)] // T[1 ^ 0] = T[1]
    [InlineData(new byte[] { 0x01 }, 251)] // T[1 ^ 1] = T[0]
    [InlineData(new byte[] { 0x00, 0x00 }, 150)] // T[2] = 119, then T[119 ^ 0] = 150
    [InlineData(new byte[] { 0xff }, 234)] // T[1 ^ 255] = T[254]
    public void Compute_FollowsTheRfcReferenceFunction(byte[] key, int expected)
    {
        Assert.Equal(expected, LoadBalanceHash.Compute(key));
    }

    [Fact]
    public void Compute_ProcessesTheKeyFromTheLastByteToTheFirst()
    {
        // key 52:54:00:12:34:56 worked by hand: h = 6; then bytes 0x56, 0x34, 0x12, 0x00, 0x54, 0x52 in that order.
        byte[] key = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
        var t = LoadBalanceHash.MixingTable;
        byte h = 6;
        foreach (var b in key.Reverse()) h = t[h ^ b];
        Assert.Equal(h, LoadBalanceHash.Compute(key));
        Assert.NotEqual(LoadBalanceHash.Compute(key), LoadBalanceHash.Compute(key.Reverse().ToArray()));
        Assert.Equal(LoadBalanceHash.Compute(key), LoadBalanceHash.ComputeForHardwareAddress("52:54:00:12:34:56"));
        Assert.Equal(LoadBalanceHash.Compute(key), LoadBalanceHash.ComputeForHardwareAddress("01-52:54:00:12:34:56"));
    }

    [Fact]
    public void Compute_SpreadsSequentialMacsEvenlyOverTheBuckets()
    {
        var counts = new int[256];
        for (var i = 0; i < 65536; i++)
            counts[LoadBalanceHash.Compute([0x52, 0x54, 0x00, 0x00, (byte)(i >> 8), (byte)i])]++;
        // 256 per bucket on average; a Pearson hash of a counter is close to uniform.
        Assert.All(counts, c => Assert.InRange(c, 128, 384));
    }
}
