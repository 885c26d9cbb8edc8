using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Pint.Soak;

/// <summary>
/// A temporary directory holding everything one soak run serves: the config, an addn-hosts file, the TFTP root and
/// the lease file, plus the answers every name and file must produce.
/// </summary>
public sealed class SoakSite : IDisposable
{
    public const int HostRecords = 200, AddnHosts = 200, ForwardedNames = 4000;
    public const string Domain = "soak.test", UpstreamDomain = "up.test";

    /// <summary>Where the DHCP replies go: a relay address of its own, so it never captures the server's port 67.</summary>
    public static readonly IPAddress Relay = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress Server = IPAddress.Loopback;
    public static readonly uint RangeStart = Ip("127.0.0.10"), RangeEnd = Ip("127.0.0.250");

    private SoakSite(string directory, int dnsPort, int upstreamPort)
    {
        Directory = directory;
        DnsPort = dnsPort;
        UpstreamPort = upstreamPort;
    }

    public string Directory { get; }
    public int DnsPort { get; }
    public int UpstreamPort { get; }
    public string ConfigPath => Path.Combine(Directory, "pint.conf");
    public string ControlSocket => Path.Combine(Directory, "pint.sock");
    public string LeaseFile => Path.Combine(Directory, "pint.leases");
    public string TftpRoot => Path.Combine(Directory, "tftp");

    /// <summary>TFTP file name -> SHA-256 of its content.</summary>
    public IReadOnlyDictionary<string, byte[]> TftpFiles { get; private set; } = new Dictionary<string, byte[]>();

    public static IPEndPoint Dns(SoakSite site) => new(Server, site.DnsPort);
    public static readonly IPEndPoint Tftp = new(Server, 69);

    /// <summary>The A record each name must answer with; names are numbered so no table is needed.</summary>
    public static uint HostRecordAddress(int i) => Ip("10.77.0.0") + (uint)i;
    public static uint AddnHostAddress(int i) => Ip("10.78.0.0") + (uint)i;
    public static uint UpstreamAddress(int i) => Ip("10.79.0.0") + (uint)i;
    public static string HostRecordName(int i) => $"h{i}.{Domain}";
    public static string AddnHostName(int i) => $"a{i}.{Domain}";
    public static string ForwardedName(int i) => $"f{i}.{UpstreamDomain}";

    public static SoakSite Create(int upstreamPort)
    {
        var site = new SoakSite(System.IO.Directory.CreateTempSubdirectory("pint-soak-").FullName, FreeUdpPort(), upstreamPort);
        site.Write();
        return site;
    }

    private void Write()
    {
        var hosts = new StringBuilder();
        for (var i = 0; i < AddnHosts; i++) hosts.Append($"{Text(AddnHostAddress(i))} {AddnHostName(i)}\n");
        File.WriteAllText(Path.Combine(Directory, "soak.hosts"), hosts.ToString());

        System.IO.Directory.CreateDirectory(TftpRoot);
        var files = new Dictionary<string, byte[]>();
        var random = new Random(20261124);
        foreach (var size in new[] { 1024, 33 * 1024 + 7, 512 * 1024, 4 * 1024 * 1024 })
        {
            var content = new byte[size];
            random.NextBytes(content);
            var name = $"file-{size}.bin";
            File.WriteAllBytes(Path.Combine(TftpRoot, name), content);
            files[name] = SHA256.HashData(content);
        }
        TftpFiles = files;

        var conf = new StringBuilder();
        conf.Append($"""
            # Pint soak run: everything on 127.0.0.1 except DHCP, which binds 0.0.0.0:67 and answers the relay 127.0.0.2.
            port={DnsPort}
            listen-address=127.0.0.1
            bind-interfaces
            no-resolv
            no-hosts
            domain={Domain}
            addn-hosts={Path.Combine(Directory, "soak.hosts")}
            server=/{UpstreamDomain}/127.0.0.1#{UpstreamPort}
            cache-size=1000
            no-ping
            dhcp-range={Text(RangeStart)},{Text(RangeEnd)},255.255.255.0,1h
            dhcp-leasefile={LeaseFile}
            enable-tftp
            tftp-root={TftpRoot}

            """);
        for (var i = 0; i < HostRecords; i++) conf.Append($"host-record={HostRecordName(i)},{Text(HostRecordAddress(i))}\n");
        File.WriteAllText(ConfigPath, conf.ToString());
    }

    public static uint Ip(string text) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(text).GetAddressBytes());

    public static string Text(uint address) => $"{address >> 24}.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}";

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
