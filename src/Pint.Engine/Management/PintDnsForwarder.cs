namespace Pint.Engine.Management;

/// <summary>An upstream DNS server (a server= line) as Get-PintDnsForwarder shows it.</summary>
public sealed class PintDnsForwarder : IConfigEntry
{
    /// <summary>The upstream's address, as Windows' Get-DnsServerForwarder names it.</summary>
    public required string IPAddress { get; init; }
    public required int Port { get; init; }
    /// <summary>The domains sent to this server; empty for a default upstream that gets every other name.</summary>
    public required string[] Domain { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    /// <summary>The config file this forwarder was read through; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }

    public override string ToString() => Domain.Length == 0 ? $"{IPAddress}#{Port}" : $"/{string.Join('/', Domain)}/{IPAddress}#{Port}";
}
