namespace Pint.Engine.Config;

/// <summary>Registers the handlers of the implemented TFTP and PXE options.</summary>
internal static class TftpOptionHandlers
{
    public static void Register(IDictionary<string, OptionHandler> handlers)
    {
        handlers["enable-tftp"] = (line, c) =>
        {
            c.Tftp.Enabled = true;
            if (!string.IsNullOrEmpty(line.Value)) CommonHandlers.NameList(x => x.Tftp.InterfaceList)(line, c);
        };
        handlers["tftp-root"] = TftpRootHandler;
        handlers["tftp-secure"] = CommonHandlers.Flag(c => c.Tftp.Secure = true);
        // Pint never stops at a missing tftp-root (it warns and serves once the directory exists), which is what this asks.
        handlers["tftp-no-fail"] = CommonHandlers.Flag(c => c.Tftp.NoFail = true);
        handlers["tftp-no-blocksize"] = CommonHandlers.Flag(c => c.Tftp.NoBlockSize = true);
        handlers["tftp-max"] = CommonHandlers.Integer(1, int.MaxValue, (c, v) => c.Tftp.MaxTransfers = v);
        handlers["tftp-port-range"] = PortRange;
        handlers["tftp-mtu"] = CommonHandlers.Integer(576, 65535, (c, v) => c.Tftp.Mtu = v);
        handlers["tftp-lowercase"] = CommonHandlers.Flag(c => c.Tftp.Lowercase = true);
        handlers["quiet-tftp"] = CommonHandlers.Flag(c => c.Tftp.Quiet = true);
        handlers["tftp-unique-root"] = (line, c) =>
        {
            switch (line.Value)
            {
                case null or "" or "ip": c.Tftp.UniqueRoot = TftpUniqueRoot.Address; break;
                case "mac": c.Tftp.UniqueRoot = TftpUniqueRoot.HardwareAddress; break;
                default: line.Error($"expected tftp-unique-root, tftp-unique-root=ip or tftp-unique-root=mac, not '{line.Value}'"); break;
            }
        };
        handlers["pxe-service"] = PxeParsers.Service;
        handlers["pxe-prompt"] = PxeParsers.Prompt;
    }

    private static void TftpRootHandler(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length > 2 || fields[0].Length == 0) { line.Error("expected dir[,interface]"); return; }
        config.Tftp.RootList.Add(new TftpRoot(fields[0], fields.Length > 1 ? fields[1] : null, line.Source));
    }

    private static void PortRange(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length != 2) { line.Error("expected start,end"); return; }
        if (!ValueParser.TryInt(fields[0], 1, 65535, out var start)) { line.Error($"bad port '{fields[0]}': expected 1 to 65535"); return; }
        if (!ValueParser.TryInt(fields[1], 1, 65535, out var end)) { line.Error($"bad port '{fields[1]}': expected 1 to 65535"); return; }
        if (start > end) { line.Error($"start port {start} is after end port {end}"); return; }
        config.Tftp.PortRange = (start, end);
    }
}
