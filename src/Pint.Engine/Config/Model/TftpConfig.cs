namespace Pint.Engine.Config;

/// <summary>The TFTP part of a loaded config. Defaults are dnsmasq's.</summary>
public sealed class TftpConfig
{
    internal readonly List<string> InterfaceList = [];
    internal readonly List<TftpRoot> RootList = [];
    internal readonly List<PxeService> PxeServiceList = [];
    internal readonly List<PxePrompt> PxePromptList = [];

    public bool Enabled { get; internal set; }
    /// <summary>Interfaces named by <c>enable-tftp=iface[,iface]</c>; empty = all DNS/DHCP interfaces.</summary>
    public IReadOnlyList<string> Interfaces => InterfaceList;
    public IReadOnlyList<TftpRoot> Roots => RootList;
    public bool Secure { get; internal set; }
    /// <summary><c>tftp-no-fail</c>: start even when a tftp-root is missing (Pint always does).</summary>
    public bool NoFail { get; internal set; }
    public bool NoBlockSize { get; internal set; }
    /// <summary><c>tftp-mtu</c>: the MTU the block size is capped by, below the interface's own; null: the interface's.</summary>
    public int? Mtu { get; internal set; }
    /// <summary><c>tftp-lowercase</c>: requested file names are lower-cased (for Windows clients that mix case freely).</summary>
    public bool Lowercase { get; internal set; }
    /// <summary><c>tftp-unique-root[=ip|mac]</c>: the client's address (or MAC) as a directory under the root, when it exists.</summary>
    public TftpUniqueRoot UniqueRoot { get; internal set; }
    /// <summary><c>quiet-tftp</c>: no routine TFTP logging (Pint logs no routine TFTP lines anyway).</summary>
    public bool Quiet { get; internal set; }
    public int MaxTransfers { get; internal set; } = 50;
    /// <summary>The <c>tftp-port-range</c>, or null for ephemeral ports.</summary>
    public (int Start, int End)? PortRange { get; internal set; }
    public IReadOnlyList<PxeService> PxeServices => PxeServiceList;
    public IReadOnlyList<PxePrompt> PxePrompts => PxePromptList;
}

/// <summary>What <c>tftp-unique-root</c> adds under the TFTP root.</summary>
public enum TftpUniqueRoot
{
    None,
    /// <summary>The client's IP address in dotted-quad form (the default of <c>tftp-unique-root</c>).</summary>
    Address,
    /// <summary>The client's MAC, lower case, zero padded, dashes between the bytes, as the ARP table has it.</summary>
    HardwareAddress,
}
