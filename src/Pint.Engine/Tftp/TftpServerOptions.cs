using System.Net;

namespace Pint.Engine.Tftp;

/// <summary>Settings of the TFTP server (dnsmasq's enable-tftp and tftp-* options).</summary>
public sealed class TftpServerOptions
{
    public const int DefaultPort = 69;

    /// <summary>Where requests are received (port 69 normally; port 0 picks a free one, for tests).</summary>
    public IReadOnlyList<IPEndPoint> ListenEndPoints { get; init; } = [new IPEndPoint(IPAddress.Any, DefaultPort)];

    /// <summary>tftp-root: files are served only from under this directory.</summary>
    public required string Root { get; init; }

    /// <summary>tftp-root=DIR,IFACE: a different root for requests arriving on the named interface.</summary>
    public IReadOnlyDictionary<string, string> RootsByInterface { get; init; } = new Dictionary<string, string>();

    /// <summary>tftp-secure: only files owned by the user running the server.</summary>
    public bool Secure { get; init; }

    /// <summary>tftp-no-blocksize: ignore the blksize option.</summary>
    public bool NoBlockSize { get; init; }

    /// <summary>
    /// tftp-max: concurrent transfers. When all are taken, a new request takes the slot of a transfer that has stopped
    /// moving (see <see cref="TftpAdmission"/>), else it gets an ERROR packet.
    /// </summary>
    public int MaxTransfers { get; init; } = 50;

    /// <summary>
    /// Concurrent transfers one client address may hold, so that a host that abandons its transfers cannot take every
    /// slot; null is half of <see cref="MaxTransfers"/> (at least one). No dnsmasq option sets it.
    /// </summary>
    public int? MaxTransfersPerAddress { get; init; }

    /// <summary>tftp-port-range: local ports for transfers; null lets the OS choose.</summary>
    public (int Start, int End)? PortRange { get; init; }

    /// <summary>tftp-mtu: ceiling on the MTU used to cap blksize; null uses the receiving interface's MTU.</summary>
    public int? Mtu { get; init; }
    /// <summary>tftp-lowercase: requested names are lower-cased before they are looked up.</summary>
    public bool Lowercase { get; init; }
    /// <summary>tftp-unique-root: a per-client directory under the root, used when it exists.</summary>
    public Config.TftpUniqueRoot UniqueRoot { get; init; }

    /// <summary>First retransmission timeout when the client did not ask for one; doubled per retry up to 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retransmissions of one window before the transfer is abandoned.</summary>
    public int MaxRetries { get; init; } = 6;
}
