using System.Net;
using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>Removing leases from a file no server serves: atomic, keeps what it did not remove, refused while owned.</summary>
public sealed class LeaseFileEditorTests : IDisposable
{
    private readonly string _directory = DhcpTestTools.TempDirectory();

    private string LeasePath => Path.Combine(_directory, "dnsmasq.leases");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Removes_one_lease_and_keeps_expired_records_and_the_dhcpv6_section()
    {
        File.WriteAllText(LeasePath, """
            1893456000 52:54:00:aa:bb:01 10.0.0.101 laptop 01:52:54:00:aa:bb:01
            1000000000 52:54:00:aa:bb:02 10.0.0.102 * *
            0 52:54:00:aa:bb:03 10.0.0.20 printer *
            duid 00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01
            1893456000 1234 fd00::5 v6host 00:02

            """.Replace("\r", ""));

        var removed = LeaseFileEditor.Remove(LeasePath, l => l.Address.Equals(IPAddress.Parse("10.0.0.101")));

        Assert.Equal("laptop", Assert.Single(removed).HostName);
        var after = LeaseFile.Read(LeasePath);
        Assert.Empty(after.Diagnostics);
        Assert.Equal(["10.0.0.102", "10.0.0.20"], after.Leases.Select(l => l.Address.ToString()));
        Assert.Equal("duid 00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01", after.DuidLine);
        Assert.Equal(["1893456000 1234 fd00::5 v6host 00:02"], after.Dhcp6Lines);
        Assert.False(File.Exists(LeasePath + ".new"));
    }

    [Fact]
    public void Nothing_matching_leaves_the_file_byte_for_byte()
    {
        const string text = "1893456000 52:54:00:aa:bb:01 10.0.0.101 laptop *\n";
        File.WriteAllText(LeasePath, text);
        Assert.Empty(LeaseFileEditor.Remove(LeasePath, l => l.HostName == "nobody"));
        Assert.Equal(text, File.ReadAllText(LeasePath));
    }

    [Fact]
    public async Task A_file_a_store_serves_is_refused_and_free_again_once_the_store_closes()
    {
        await using (var store = LeaseStore.Open(LeasePath, DateTimeOffset.UtcNow))
        {
            await store.CommitAsync(new DhcpLease(IPAddress.Parse("10.0.0.5"), "52:54:00:aa:bb:05", "pc", null, DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Throws<LeaseFileInUseException>(() => LeaseFileEditor.Remove(LeasePath, _ => true));
        }
        Assert.Single(LeaseFileEditor.Remove(LeasePath, _ => true));
        Assert.Empty(LeaseFile.Read(LeasePath).Leases);
    }
}
