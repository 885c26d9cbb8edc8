namespace Pint.Engine.Config;

/// <summary>
/// A dhcp-host value that comes from a file other than the config (dhcp-hostsfile, /etc/ethers): parsed as the
/// config line it stands for, so every source of reservations reads them the same way.
/// </summary>
internal static class DhcpHostValue
{
    /// <summary>The host, or null with the parser's complaint in <paramref name="problem"/>.</summary>
    public static DhcpHost? Parse(string value, ConfigSource source, out string? problem)
    {
        var findings = new List<ConfigDiagnostic>();
        var scratch = new PintConfig();
        DhcpHostParser.Parse(new OptionLine("dhcp-host", value, source, findings), scratch);
        problem = findings.FirstOrDefault()?.Message;
        return problem is null ? scratch.Dhcp.Hosts.SingleOrDefault() : null;
    }
}

/// <summary>A dhcp-option value from a dhcp-optsfile line, parsed as the config line it stands for.</summary>
internal static class DhcpOptionValue
{
    /// <summary>The option, or null with the parser's complaint in <paramref name="problem"/>.</summary>
    public static DhcpOptionEntry? Parse(string value, ConfigSource source, out string? problem)
    {
        var findings = new List<ConfigDiagnostic>();
        var scratch = new PintConfig();
        DhcpOptionParser.Parse(new OptionLine("dhcp-option", value, source, findings), scratch, force: false);
        problem = findings.FirstOrDefault()?.Message;
        return problem is null ? scratch.Dhcp.Options.SingleOrDefault() : null;
    }
}
