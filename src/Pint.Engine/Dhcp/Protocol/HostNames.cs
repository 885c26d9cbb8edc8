using Pint.Engine.Dns;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>Turns a client-supplied host name into one safe for DNS, as dnsmasq does: first label only, legal characters only.</summary>
internal static class HostNames
{
    public static string? Sanitize(string name)
    {
        var label = name.TrimEnd('\0').Split('.')[0];
        return HostNameCheck.IsValid(label, HostNameForms.NoUnderscore) ? label : null;
    }
}
