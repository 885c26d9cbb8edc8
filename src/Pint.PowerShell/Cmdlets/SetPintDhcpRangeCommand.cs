using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Creates or changes a dhcp-range= line, with the parameter names of Windows' Set-DhcpServerv4Scope. The range
/// changed is the one in the subnet of -StartRange (or in -ScopeId), picked by -Name among several; with none, a new
/// line is added. With -Prefix (or IPv6 addresses) it writes an IPv6 range instead, with the parameter names of
/// Windows' Add-DhcpServerv6Scope (-Prefix, -PreferredLifetime, -ValidLifetime) and dnsmasq's modes as -Mode.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PintDhcpRange", SupportsShouldProcess = true, DefaultParameterSetName = IPv4)]
[OutputType(typeof(PintDhcpRange))]
public sealed class SetPintDhcpRangeCommand : PintConfigCmdlet
{
    private const string IPv4 = "IPv4", IPv6 = "IPv6";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IPv4, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = IPv6, ValueFromPipelineByPropertyName = true)]
    public IPAddress StartRange { get; set; } = IPAddress.None;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = IPv4, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = IPv6, ValueFromPipelineByPropertyName = true)]
    public IPAddress EndRange { get; set; } = IPAddress.None;

    [Parameter(ParameterSetName = IPv4, ValueFromPipelineByPropertyName = true)]
    public IPAddress? SubnetMask { get; set; }

    /// <summary>Lease time; [TimeSpan]::MaxValue means infinite.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>The network of the range to change (Windows' scope id), when -StartRange's subnet is not enough to say.</summary>
    [Parameter(ParameterSetName = IPv4, ValueFromPipelineByPropertyName = true)]
    public IPAddress? ScopeId { get; set; }

    /// <summary>The range's tag (set:NAME).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RangeNameCompleter))]
    public string? Name { get; set; }

    /// <summary>The IPv6 prefix of the range: fd00:1::/64, or fd00:1:: as Windows' Add-DhcpServerv6Scope takes it (a /64).</summary>
    [Parameter(Mandatory = true, ParameterSetName = IPv6, ValueFromPipelineByPropertyName = true)]
    public string Prefix { get; set; } = string.Empty;

    /// <summary>How an IPv6 range gives addresses (dnsmasq's keywords).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Dhcp6RangeMode[]? Mode { get; set; }

    /// <summary>Windows' DHCPv6 valid lifetime: dnsmasq's lease time of an IPv6 range.</summary>
    // Only in the IPv6 set: a Windows v6 scope row (Prefix, ValidLifetime, ...) must not bind to the IPv4 set first.
    [Parameter(ParameterSetName = IPv6, ValueFromPipelineByPropertyName = true)]
    public TimeSpan? ValidLifetime { get; set; }

    /// <summary>Windows' DHCPv6 preferred lifetime; dnsmasq has one lifetime, so it is used only without the other two.</summary>
    // Only in the IPv6 set: a Windows v6 scope row (Prefix, ValidLifetime, ...) must not bind to the IPv4 set first.
    [Parameter(ParameterSetName = IPv6, ValueFromPipelineByPropertyName = true)]
    public TimeSpan? PreferredLifetime { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IPv6 || IsV6(StartRange) || IsV6(EndRange))
        {
            SetRange6();
            return;
        }
        if (Mode is { Length: > 0 })
        {
            WriteNonTerminating(new ArgumentException($"-Mode is for IPv6 ranges; {StartRange}-{EndRange} is an IPv4 range (its lease time is -LeaseDuration). Give -Prefix for an IPv6 range.", nameof(Mode)),
                "PintInvalidValue", ErrorCategory.InvalidArgument, $"{StartRange}-{EndRange}");
            return;
        }
        var done = EditConfig("Set DHCP range", $"{StartRange}-{EndRange}",
            (session, config) => DhcpRangeCatalog.Set(session, config, StartRange, EndRange, SubnetMask, LeaseDuration, Name, ScopeId));
        if (done && PassThru)
        {
            var start = StartRange.ToString();
            WriteObject(DhcpRangeCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).FirstOrDefault(r => r.StartRange == start));
        }
    }

    private static bool IsV6(IPAddress? a) => a is not null && a.AddressFamily == AddressFamily.InterNetworkV6;

    private void SetRange6()
    {
        // Not given is the default, IPAddress.None (the IPv4 set, where both are mandatory, is here only for IPv6 ones).
        IPAddress? start = StartRange is { } first && !first.Equals(IPAddress.None) ? first : null;
        IPAddress? end = EndRange is { } last && !last.Equals(IPAddress.None) ? last : null;
        string Target(string prefix) => prefix + (start is null ? "" : $" {start}") + (end is null ? "" : $"-{end}");
        var target = Target(string.IsNullOrWhiteSpace(Prefix) ? "" : Prefix.Trim()).Trim();
        void Refuse(string message, string parameter) =>
            WriteNonTerminating(new ArgumentException(message, parameter), "PintInvalidValue", ErrorCategory.InvalidArgument, target);

        // From the IPv4 parameter set (IPv6 addresses without -Prefix): -ScopeId names the prefix as Windows' v6 scope
        // id does, else it is the /64 of -StartRange.
        if (SubnetMask is not null)
        {
            Refuse($"-SubnetMask {SubnetMask} is for IPv4 ranges; an IPv6 range takes -Prefix (such as fd00:1::/64).", nameof(SubnetMask));
            return;
        }
        if (ParameterSetName != IPv6 && ScopeId is null && !IsV6(start))
        {
            Refuse($"-StartRange {start} is not an IPv6 address, but -EndRange {end} is; give both ends in one family (and -Prefix for an IPv6 range).", nameof(StartRange));
            return;
        }
        Ipv6Prefix prefix;
        try
        {
            prefix = ParameterSetName == IPv6 ? Ipv6Prefix.Parse(Prefix, "-Prefix")
                : ScopeId is not null ? Ipv6Prefix.Parse(ScopeId.ToString(), "-ScopeId")
                : new Ipv6Prefix(Network64(start!), 64, false);
        }
        catch (PintEditException e)
        {
            Refuse(e.Message, ParameterSetName == IPv6 ? nameof(Prefix) : nameof(ScopeId));
            return;
        }
        target = Target(prefix.ToString());

        var valid = ValidLifetime ?? LeaseDuration;
        if (LeaseDuration is not null && ValidLifetime is not null && LeaseDuration != ValidLifetime)
        {
            Refuse($"-LeaseDuration {LeaseDuration} and -ValidLifetime {ValidLifetime} disagree: both are the lease time of an IPv6 range in dnsmasq; give one.", nameof(ValidLifetime));
            return;
        }
        if (PreferredLifetime is { } preferred)
        {
            if (preferred < TimeSpan.Zero || (valid is { } v && v != TimeSpan.MaxValue && preferred > v))
            {
                Refuse($"-PreferredLifetime {preferred} is longer than the valid lifetime {valid}; a preferred lifetime is at most the valid one.", nameof(PreferredLifetime));
                return;
            }
            if (valid is null) valid = preferred;
            else if (preferred != valid)
                WriteWarning($"-PreferredLifetime {preferred} is not kept: dnsmasq gives an IPv6 range one lease time, {DnsmasqValue.LeaseTime(valid == TimeSpan.MaxValue ? Timeout.InfiniteTimeSpan : valid.Value)} (the valid lifetime), as both the preferred and the valid lifetime.");
        }

        DhcpRange6? written = null;
        var done = EditConfig("Set DHCPv6 range", target,
            (session, config) => written = Dhcp6Editing.SetRange(session, config, prefix, start, end, Mode is { Length: > 0 } ? Mode : null, valid, Name));
        if (done && PassThru && written is not null)
        {
            var range = LoadConfigForRead(ConfigFile).Config.Dhcp.Ranges6.LastOrDefault(r => r.Start.Equals(written.Start) && Equals(r.End, written.End) && r.SetTag == written.SetTag);
            if (range is not null) WriteObject(View(range, ConfigFile));
        }
    }

    private static IPAddress Network64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    /// <summary>An IPv6 range as a PintDhcpRange, with AddressFamily, Prefix, PrefixLength and Mode added.</summary>
    internal static PSObject View(DhcpRange6 range, string configPath)
    {
        var o = PSObject.AsPSObject(Dhcp6Editing.Describe(range, configPath));
        void Note(string name, object? value)
        {
            if (o.Properties[name] is null) o.Properties.Add(new PSNoteProperty(name, value));
        }
        Note("AddressFamily", AddressFamily.InterNetworkV6);
        Note("Prefix", range.ConstructorInterface is null ? $"{o.Properties["ScopeId"].Value}/{range.PrefixLength}" : null);
        Note("PrefixLength", range.PrefixLength);
        Note("Mode", Dhcp6Editing.ModesOf(range));
        return o;
    }
}
