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
        // dhcp-hostsdir and dhcp-optsdir are dnsmasq's watched directories; Pint watches every such path alike.
        handlers["dhcp-hostsdir"] = (line, c) => c.Dhcp.HostsFilePathList.Add(line.Value!);
        handlers["dhcp-optsfile"] = (line, c) => c.Dhcp.OptsFilePathList.Add(line.Value!);
        handlers["dhcp-optsdir"] = (line, c) => c.Dhcp.OptsFilePathList.Add(line.Value!);
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
        handlers["dhcp-ignore-names"] = (line, c) => TagsOnly(line, c.Dhcp.IgnoreNamesList);
        handlers["dhcp-broadcast"] = (line, c) => TagsOnly(line, c.Dhcp.BroadcastList);
        handlers["dhcp-name-match"] = NameMatch;
        handlers["dhcp-vendorclass"] = (line, c) => ClassMatch(line, c, 60);
        handlers["dhcp-userclass"] = (line, c) => ClassMatch(line, c, 77);
        handlers["dhcp-mac"] = MacMatch;
        handlers["dhcp-ignore"] = (line, c) => TagsOnly(line, c.Dhcp.IgnoreList);
        handlers["no-dhcp-interface"] = CommonHandlers.NameList(c => c.Dhcp.NoDhcpInterfaceList);
        handlers["read-ethers"] = CommonHandlers.Flag(c => c.Dhcp.ReadEthers = true);
        handlers["dhcp-script"] = Script;
        handlers["dhcp-scriptuser"] = CommonHandlers.Text((c, v) => c.Dhcp.ScriptUser = v);
        handlers["dhcp-rapid-commit"] = CommonHandlers.Flag(c => c.Dhcp.RapidCommit = true);
        handlers["dhcp-sequential-ip"] = CommonHandlers.Flag(c => c.Dhcp.SequentialIp = true);
        handlers["dhcp-generate-names"] = (line, c) => TagsOnly(line, c.Dhcp.GenerateNamesList);
        handlers["dhcp-ignore-clid"] = CommonHandlers.Flag(c => c.Dhcp.IgnoreClientId = true);
        handlers["dhcp-alternate-port"] = AlternatePort;
        // Pint serves DHCPv4 only yet, so the DHCPv4 half of no-dhcp-interface is all of it.
        handlers["no-dhcpv4-interface"] = CommonHandlers.NameList(c => c.Dhcp.NoDhcpInterfaceList);
        handlers["quiet-dhcp6"] = CommonHandlers.Flag(_ => { });
        handlers["quiet-ra"] = CommonHandlers.Flag(c => c.Dhcp.QuietRa = true);
        handlers["enable-ra"] = CommonHandlers.Flag(c => c.Dhcp.EnableRa = true);
        handlers["ra-param"] = RaParamParser.Parse;
        // Pint never overloads the sname and file fields with options (option 52), which is what this turns off;
        // the flag is kept so the config's typed view shows it.
        handlers["dhcp-no-override"] = CommonHandlers.Flag(c => c.Dhcp.NoOverride = true);
    }

    /// <summary>
    /// <c>dhcp-script=PATH</c>: dnsmasq runs PATH without a PATH search and documents that it must be absolute, so a
    /// relative one is refused here, naming the line, rather than failing at the first lease. <c>dhcp-script=</c> (which
    /// dnsmasq accepts) means no script.
    /// </summary>
    private static void Script(OptionLine line, PintConfig config)
    {
        var path = line.Value;
        if (string.IsNullOrEmpty(path)) { config.Dhcp.Script = null; return; }
        // Absolute by the platform's own rules: /etc/pint/hook.sh, or C:\hooks\lease.ps1 on Windows.
        if (!Path.IsPathFullyQualified(path))
        {
            line.Error($"dhcp-script needs an absolute path, got '{path}'");
            return;
        }
        config.Dhcp.Script = path;
    }

    /// <summary><c>option[=tag:a[,tag:b]]</c>: the line applies to a client with all those tags (to every client without).</summary>
    private static void TagsOnly(OptionLine line, List<IReadOnlyList<string>> list)
    {
        var tags = new List<string>();
        var fields = line.Value is { Length: > 0 } ? line.Fields() : [];
        int taken = TagList.TakeLeading(fields, tags);
        if (taken != fields.Length)
        {
            line.Error($"expected only tag:NAME fields, got '{fields[taken]}'");
            return;
        }
        list.Add(tags);
    }

    /// <summary>
    /// <c>dhcp-vendorclass=set:TAG,[enterprise:N,]CLASS</c> and <c>dhcp-userclass=set:TAG,CLASS</c>: TAG for a client
    /// whose vendor class (option 60) or user class (option 77) contains CLASS. The enterprise form is DHCPv6's.
    /// </summary>
    private static void ClassMatch(OptionLine line, PintConfig config, int option)
    {
        var fields = line.Fields();
        var tag = fields.Length > 0 ? TagList.SetTagOf(fields[0]) : null;
        if (tag is not { Length: > 0 } || fields.Length is < 2 or > 3 || (fields.Length == 3) != fields[1].StartsWith("enterprise:", StringComparison.Ordinal))
        {
            line.Error($"expected {line.Option}=set:TAG,{(option == 60 ? "[enterprise:NUMBER,]" : "")}CLASS");
            return;
        }
        if (fields.Length == 3)
        {
            if (option != 60 || !ValueParser.TryInt(fields[1][11..], 0, int.MaxValue, out _)) { line.Error($"bad enterprise number '{fields[1]}'"); return; }
            line.Warning("the enterprise: form matches DHCPv6 vendor classes, which Pint does not serve yet; line ignored");
            return;
        }
        config.Dhcp.MatchList.Add(new DhcpMatch(tag, option, fields[1], null, line.Source, Text: true));
    }

    /// <summary><c>dhcp-mac=set:TAG,MAC</c>: TAG for a client whose hardware address matches MAC (<c>*</c> for any byte, an optional type prefix).</summary>
    private static void MacMatch(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length != 2 || TagList.SetTagOf(fields[0]) is not { } macTag)
        {
            line.Error("expected dhcp-mac=set:TAG,MAC (e.g. set:tag,01:00:20:*:*:*)");
            return;
        }
        if (!DhcpHostParser.IsHardwareAddress(fields[1])) { line.Error($"'{fields[1]}' is not a hardware address pattern"); return; }
        config.Dhcp.MacMatchList.Add(new DhcpMacMatch(macTag, fields[1], line.Source));
    }

    /// <summary><c>dhcp-alternate-port</c>: 1067 and 1068; <c>=SERVER</c>: SERVER and SERVER+1; <c>=SERVER,CLIENT</c>.</summary>
    private static void AlternatePort(OptionLine line, PintConfig config)
    {
        var fields = line.Value is { Length: > 0 } ? line.Fields() : [];
        int server = 1067, client = 1068;
        if (fields.Length > 2
            || (fields.Length >= 1 && !ValueParser.TryInt(fields[0], 1, 65534, out server))
            || (fields.Length == 2 && !ValueParser.TryInt(fields[1], 1, 65535, out client)))
        {
            line.Error("expected dhcp-alternate-port[=SERVER-PORT[,CLIENT-PORT]] with ports 1 to 65535");
            return;
        }
        if (fields.Length == 1) client = server + 1;
        config.Dhcp.AlternatePorts = (server, client);
    }

    /// <summary><c>dhcp-name-match=set:TAG,NAME[*]</c>.</summary>
    private static void NameMatch(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length != 2 || TagList.SetTagOf(fields[0]) is not { } nameTag || fields[1].Length == 0)
        {
            line.Error("expected dhcp-name-match=set:TAG,NAME[*]");
            return;
        }
        var name = fields[1];
        bool prefix = name.EndsWith('*');
        config.Dhcp.NameMatchList.Add(new DhcpNameMatch(nameTag, prefix ? name[..^1] : name, prefix, line.Source));
    }
}
