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
    public int MaxTransfers { get; internal set; } = 50;
    /// <summary>The <c>tftp-port-range</c>, or null for ephemeral ports.</summary>
    public (int Start, int End)? PortRange { get; internal set; }
    public IReadOnlyList<PxeService> PxeServices => PxeServiceList;
    public IReadOnlyList<PxePrompt> PxePrompts => PxePromptList;
}
