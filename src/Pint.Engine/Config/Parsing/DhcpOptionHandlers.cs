namespace Pint.Engine.Config;

/// <summary>Registers the handlers of the implemented DHCPv4 options.</summary>
internal static class DhcpOptionHandlers
{
    public static void Register(IDictionary<string, OptionHandler> handlers)
    {
        handlers["dhcp-range"] = DhcpRangeParser.Parse;
        handlers["dhcp-host"] = DhcpHostParser.Parse;
        // The files are read by the loader once the config is (as addn-hosts files are).
        handlers["dhcp-hostsfile"] = (line, c) => c.Dhcp.HostsFilePathList.Add(line.Value!);
        handlers["dhcp-option"] = (line, c) => DhcpOptionParser.Parse(line, c, force: false);
        handlers["dhcp-option-force"] = (line, c) => DhcpOptionParser.Parse(line, c, force: true);
        handlers["dhcp-leasefile"] = CommonHandlers.Text((c, v) => c.Dhcp.LeaseFile = v);
        handlers["dhcp-authoritative"] = CommonHandlers.Flag(c => c.Dhcp.Authoritative = true);
        handlers["dhcp-lease-max"] = CommonHandlers.Integer(0, int.MaxValue, (c, v) => c.Dhcp.LeaseMax = v);
        handlers["dhcp-boot"] = DhcpBootParser.Parse;
        handlers["dhcp-match"] = DhcpMatchParser.Parse;
        handlers["tag-if"] = TagIfParser.Parse;
        handlers["no-ping"] = CommonHandlers.Flag(c => c.Dhcp.NoPing = true);
        handlers["log-dhcp"] = CommonHandlers.Flag(c => c.Dhcp.LogDhcp = true);
        handlers["quiet-dhcp"] = CommonHandlers.Flag(c => c.Dhcp.QuietDhcp = true);
        // Pint serves no DHCPv6 or router advertisements yet, so there is nothing of theirs to log.
        handlers["quiet-dhcp6"] = CommonHandlers.Flag(_ => { });
        handlers["quiet-ra"] = CommonHandlers.Flag(_ => { });
        // Pint never overloads the sname and file fields with options (option 52), which is what this turns off.
        handlers["dhcp-no-override"] = CommonHandlers.Flag(_ => { });
    }
}
