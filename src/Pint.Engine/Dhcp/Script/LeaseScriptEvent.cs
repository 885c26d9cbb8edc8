using System.Net;

namespace Pint.Engine.Dhcp.Script;

/// <summary>The first argument dnsmasq gives its dhcp-script.</summary>
public enum LeaseScriptAction
{
    /// <summary>"add": a lease was created.</summary>
    Add,
    /// <summary>"old": an existing lease (renewed, changed, or found in the lease file at start-up).</summary>
    Old,
    /// <summary>"del": a lease ended (released, declined, expired, removed).</summary>
    Del,
}

/// <summary>
/// One call of the lease script, complete when queued: the server's state may have moved on by the time the worker
/// runs it, so everything the script is told is captured at the moment of the change, as dnsmasq's helper gets it.
/// </summary>
/// <param name="Action">add, old or del.</param>
/// <param name="HardwareAddress">The MAC in lease-file notation (type-prefixed for non-Ethernet).</param>
/// <param name="Address">The leased IPv4 address.</param>
/// <param name="HostName">The unqualified host name, or null (then no fourth argument).</param>
/// <param name="Environment">The DNSMASQ_* variables to add to the inherited environment.</param>
public sealed record LeaseScriptEvent(
    LeaseScriptAction Action,
    string HardwareAddress,
    IPAddress Address,
    string? HostName,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The action as the script's first argument.</summary>
    public string ActionText => Action switch
    {
        LeaseScriptAction.Add => "add",
        LeaseScriptAction.Old => "old",
        _ => "del",
    };

    /// <summary>The script's arguments: action, MAC, IP and, when known, the host name.</summary>
    public IReadOnlyList<string> Arguments =>
        HostName is null ? [ActionText, HardwareAddress, Address.ToString()] : [ActionText, HardwareAddress, Address.ToString(), HostName];

    public override string ToString() => string.Join(' ', Arguments);
}
