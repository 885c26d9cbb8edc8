namespace Pint.Engine.Config;

/// <summary>Registers the handlers of the implemented DNS options.</summary>
internal static class DnsOptionHandlers
{
    public static void Register(IDictionary<string, OptionHandler> handlers)
    {
        handlers["port"] = CommonHandlers.Integer(0, 65535, (c, v) => c.Dns.Port = v);
        handlers["listen-address"] = ListenAddress;
        handlers["interface"] = CommonHandlers.NameList(c => c.Dns.InterfaceList);
        handlers["except-interface"] = CommonHandlers.NameList(c => c.Dns.ExceptInterfaceList);
        handlers["bind-interfaces"] = CommonHandlers.Flag(c => c.Dns.BindInterfaces = true);
        handlers["bind-dynamic"] = CommonHandlers.Flag(c => c.Dns.BindDynamic = true);
        handlers["no-resolv"] = CommonHandlers.Flag(c => c.Dns.NoResolv = true);
        handlers["resolv-file"] = (line, c) => { if (!string.IsNullOrEmpty(line.Value)) c.Dns.ResolvFileList.Add(line.Value); };
        handlers["server"] = DnsServerParser.Server;
        handlers["local"] = DnsServerParser.Server;
        handlers["rev-server"] = RevServerParser.Parse;
        // The file is read by the loader (server= and rev-server= lines only) and re-read when it changes.
        handlers["servers-file"] = static (_, _) => { };
        // A hosts directory: addn-hosts reads directories and follows their files as they come, change and go.
        handlers["hostsdir"] = (line, c) => c.Dns.AddnHostsPathList.Add(line.Value!);
        // Accepted: Pint has no separate debug logging to switch on.
        handlers["log-debug"] = CommonHandlers.Flag(_ => { });
        handlers["address"] = DnsServerParser.Address;
        handlers["domain"] = DomainParser.Domain;
        handlers["expand-hosts"] = CommonHandlers.Flag(c => c.Dns.ExpandHosts = true);
        handlers["no-hosts"] = CommonHandlers.Flag(c => c.Dns.NoHosts = true);
        handlers["addn-hosts"] = (line, c) => c.Dns.AddnHostsPathList.Add(line.Value!);
        handlers["host-record"] = DnsRecordParsers.HostRecord;
        handlers["cname"] = DnsRecordParsers.Cname;
        handlers["mx-host"] = DnsRecordParsers.MxHost;
        handlers["srv-host"] = DnsRecordParsers.SrvHost;
        handlers["txt-record"] = DnsRecordParsers.TxtRecord;
        handlers["ptr-record"] = DnsRecordParsers.PtrRecord;
        handlers["cache-size"] = CommonHandlers.Integer(0, int.MaxValue, (c, v) => c.Dns.CacheSize = v);
        handlers["local-ttl"] = CommonHandlers.Integer(0, int.MaxValue, (c, v) => c.Dns.LocalTtl = v);
        handlers["neg-ttl"] = CommonHandlers.Integer(0, int.MaxValue, (c, v) => c.Dns.NegTtl = v);
        handlers["domain-needed"] = CommonHandlers.Flag(c => c.Dns.DomainNeeded = true);
        handlers["bogus-priv"] = CommonHandlers.Flag(c => c.Dns.BogusPriv = true);
        handlers["strict-order"] = CommonHandlers.Flag(c => c.Dns.StrictOrder = true);
        handlers["log-queries"] = LogQueries;
        handlers["log-facility"] = CommonHandlers.Text((c, v) => c.Dns.LogFacility = v);
        handlers["local-service"] = LocalService;
        handlers["stop-dns-rebind"] = CommonHandlers.Flag(c => c.Dns.StopDnsRebind = true);
        handlers["rebind-localhost-ok"] = CommonHandlers.Flag(c => c.Dns.RebindLocalhostOk = true);
        handlers["rebind-domain-ok"] = RebindDomainOk;
        handlers["user"] = CommonHandlers.Text((c, v) => c.Dns.User = v);
        handlers["group"] = CommonHandlers.Text((c, v) => c.Dns.Group = v);
        handlers["interface-name"] = InterfaceName;
        handlers["pid-file"] = CommonHandlers.Text((c, v) => c.Dns.PidFile = v);
        handlers["edns-packet-max"] = CommonHandlers.Integer(512, 65535, (c, v) => c.Dns.EdnsPacketMax = v);
        handlers["no-negcache"] = CommonHandlers.Flag(c => c.Dns.NoNegativeCache = true);
        handlers["clear-on-reload"] = CommonHandlers.Flag(c => c.Dns.ClearOnReload = true);
        handlers["no-poll"] = CommonHandlers.Flag(c => c.Dns.NoPoll = true);
        handlers["bogus-nxdomain"] = UpstreamRewriteParsers.BogusNxDomain;
        handlers["alias"] = UpstreamRewriteParsers.Alias;
        handlers["mx-target"] = DnsRecordParsers.MxTarget;
        handlers["localmx"] = CommonHandlers.Flag(c => c.Dns.LocalMx = true);
        handlers["selfmx"] = CommonHandlers.Flag(c => c.Dns.SelfMx = true);
        handlers["filterwin2k"] = CommonHandlers.Flag(c => c.Dns.FilterWin2k = true);
        handlers["localise-queries"] = CommonHandlers.Flag(c => c.Dns.LocaliseQueries = true);
        handlers["dnssec"] = CommonHandlers.Flag(c => c.Dns.Dnssec = true);
        handlers["trust-anchor"] = TrustAnchor;
        handlers["dnssec-check-unsigned"] = DnssecCheckUnsigned;
        handlers["dnssec-no-timecheck"] = CommonHandlers.Flag(c => c.Dns.DnssecNoTimecheck = true);
        handlers["dnssec-timestamp"] = CommonHandlers.Text((c, v) => c.Dns.DnssecTimestamp = v);
        handlers["dnssec-limits"] = DnssecLimits;
        handlers["proxy-dnssec"] = CommonHandlers.Flag(c => c.Dns.ProxyDnssec = true);
        handlers["dnssec-debug"] = CommonHandlers.Flag(c => c.Dns.DnssecDebug = true);
        // Pint always runs in the foreground (a service manager or a PowerShell session holds it) and never blocks
        // serving on a log write: these two ask for what it does anyway.
        handlers["keep-in-foreground"] = CommonHandlers.Flag(_ => { });
        handlers["log-async"] = (line, _) =>
        {
            if (line.Value is { Length: > 0 } lines && !ValueParser.TryInt(lines, 0, int.MaxValue, out int _))
                line.Error($"bad number '{lines}': expected how many log lines may wait, a whole number");
        };
    }

    /// <summary>
    /// <c>trust-anchor=DOMAIN,KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST</c>, a DS record. As dnsmasq 2.90 (observed with --test):
    /// exactly five fields (a leading class, though the man page shows one, is refused), numbers in range, the digest hex.
    /// </summary>
    private static void TrustAnchor(OptionLine line, PintConfig config)
    {
        const string Expected = "expected trust-anchor=DOMAIN,KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST";
        var fields = line.Fields();
        if (fields.Length != 5 || fields[0].Length == 0)
        {
            line.Error($"bad trust anchor: {Expected}");
            return;
        }
        if (!ValueParser.TryInt(fields[1], 0, 65535, out int tag) || !ValueParser.TryInt(fields[2], 0, 255, out int algorithm)
            || !ValueParser.TryInt(fields[3], 0, 255, out int digestType))
        {
            line.Error($"bad trust anchor: key tag 0-65535, algorithm and digest type 0-255 ({Expected})");
            return;
        }
        byte[] digest;
        try { digest = Convert.FromHexString(fields[4]); }
        catch (FormatException)
        {
            line.Error($"bad HEX in trust anchor: '{fields[4]}' is not an even number of hex digits");
            return;
        }
        var domain = fields[0] == "." ? "." : fields[0].Trim('.').ToLowerInvariant();
        if (domain != "." && !ValueParser.IsDomainName(domain)) line.Warning($"'{fields[0]}' is not a domain name: this anchor can match nothing");
        config.Dns.TrustAnchorList.Add(new Dns.Dnssec.TrustAnchor(domain, (ushort)tag, (byte)algorithm, (byte)digestType, digest));
    }

    /// <summary><c>dnssec-limits=N[,N...]</c>, as dnsmasq 2.90 --test reads it: up to four counts, 0 or empty keeping the default, only digits.</summary>
    private static void DnssecLimits(OptionLine line, PintConfig config)
    {
        if (Dns.Dnssec.DnssecLimits.Parse(line.Value, out var error) is { } limits) config.Dns.DnssecLimits = limits;
        else line.Error(error!);
    }

    /// <summary><c>dnssec-check-unsigned</c> (on, the default) or <c>dnssec-check-unsigned=no</c>; dnsmasq refuses any other value.</summary>
    private static void DnssecCheckUnsigned(OptionLine line, PintConfig config)
    {
        if (!string.IsNullOrEmpty(line.Value) && line.Value != "no")
        {
            line.Error($"bad value '{line.Value}' for dnssec-check-unsigned: expected nothing or 'no'");
            return;
        }
        config.Dns.DnssecCheckUnsigned = line.Value != "no";
    }

    /// <summary><c>interface-name=NAME,INTERFACE[/4|/6]</c>.</summary>
    private static void InterfaceName(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
        {
            line.Error("expected interface-name=NAME,INTERFACE[/4|/6]");
            return;
        }
        if (!ValueParser.IsDomainName(fields[0]))
        {
            line.Error($"bad name '{fields[0]}'");
            return;
        }
        var nic = fields[1];
        System.Net.Sockets.AddressFamily? family = null;
        if (nic.EndsWith("/4", StringComparison.Ordinal)) (nic, family) = (nic[..^2], System.Net.Sockets.AddressFamily.InterNetwork);
        else if (nic.EndsWith("/6", StringComparison.Ordinal)) (nic, family) = (nic[..^2], System.Net.Sockets.AddressFamily.InterNetworkV6);
        config.Dns.InterfaceNameList.Add(new InterfaceNameEntry(fields[0], nic, family, line.Source));
    }

    private static void ListenAddress(OptionLine line, PintConfig config)
    {
        foreach (var field in line.Fields())
        {
            if (ValueParser.TryIP(field, out _)) config.Dns.ListenAddressList.Add(field);
            else line.Error($"bad address '{field}': expected an IPv4 or IPv6 address");
        }
    }

    /// <summary><c>local-service</c>, <c>local-service=net</c> (the same) or <c>local-service=host</c>.</summary>
    private static void LocalService(OptionLine line, PintConfig config)
    {
        if (!string.IsNullOrEmpty(line.Value) && line.Value is not ("net" or "host"))
        {
            line.Error($"bad value '{line.Value}': expected nothing, 'net' or 'host'");
            return;
        }
        config.Dns.LocalService = true;
        config.Dns.LocalServiceHost = line.Value == "host";
    }

    /// <summary><c>rebind-domain-ok=domain</c> or <c>rebind-domain-ok=/domain/[domain/...]</c>, as dnsmasq's man page gives them.</summary>
    private static void RebindDomainOk(OptionLine line, PintConfig config)
    {
        var value = line.Value!;
        foreach (var domain in value.StartsWith('/') ? value.Trim('/').Split('/') : [value])
        {
            // dnsmasq takes any text here; a name that cannot match anything is worth a warning, not a failed start.
            if (ValueParser.IsDomainName(domain)) config.Dns.RebindDomainOkList.Add(domain.Trim('.').ToLowerInvariant());
            else line.Warning($"'{domain}' is not a domain name; ignored (expected rebind-domain-ok=domain or rebind-domain-ok=/domain/[domain/...])");
        }
    }

    private static void LogQueries(OptionLine line, PintConfig config)
    {
        if (!string.IsNullOrEmpty(line.Value) && line.Value is not ("extra" or "proto" or "auth"))
        {
            line.Error($"bad value '{line.Value}': expected nothing, 'extra', 'proto' or 'auth'");
            return;
        }
        config.Dns.LogQueries = true;
        config.Dns.LogQueriesDetail = string.IsNullOrEmpty(line.Value) ? null : line.Value;
    }
}
