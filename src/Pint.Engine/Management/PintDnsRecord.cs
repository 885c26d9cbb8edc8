namespace Pint.Engine.Management;

/// <summary>The record types Add-PintDnsRecord writes, each through its dnsmasq option.</summary>
public enum PintDnsRecordType
{
    /// <summary>host-record=name,ipv4</summary>
    A,
    /// <summary>host-record=name,ipv6</summary>
    AAAA,
    /// <summary>cname=alias,target</summary>
    CNAME,
    /// <summary>mx-host=name,target,preference</summary>
    MX,
    /// <summary>srv-host=name,target,port,priority,weight</summary>
    SRV,
    /// <summary>txt-record=name,"text"...</summary>
    TXT,
    /// <summary>ptr-record=name,target</summary>
    PTR,
}

/// <summary>
/// One DNS record of the config as Get-PintDnsRecord shows it, with the property names of Windows' DnsServer module
/// (HostName, RecordType, TimeToLive, RecordData) and where it is written.
/// </summary>
public sealed class PintDnsRecord : IConfigEntry
{
    public required string HostName { get; init; }
    public required PintDnsRecordType RecordType { get; init; }
    /// <summary>The TTL written on the line; null when the line has none (local-ttl applies, 0 by default).</summary>
    public TimeSpan? TimeToLive { get; init; }
    /// <summary>The record data as dig prints it: an address, a target name, "10 mail.lab.test", "0 100 389 ldap.lab.test", "\"text\"".</summary>
    public required string RecordData { get; init; }
    /// <summary>The config option of the line (host-record, cname, mx-host, srv-host, txt-record, ptr-record).</summary>
    public required string Option { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    /// <summary>The config file this record was read through; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }

    public override string ToString() => $"{HostName} {RecordType} {RecordData}";
}

/// <summary>What Add-PintDnsRecord asks for; which fields count depends on <see cref="Type"/>.</summary>
public sealed class PintDnsRecordSpec
{
    public required PintDnsRecordType Type { get; init; }
    public required string Name { get; init; }
    public System.Net.IPAddress? Address { get; init; }
    public string? Target { get; init; }
    public int? Preference { get; init; }
    public int? Port { get; init; }
    public int? Priority { get; init; }
    public int? Weight { get; init; }
    public IReadOnlyList<string>? Text { get; init; }
    public int? TtlSeconds { get; init; }
}
