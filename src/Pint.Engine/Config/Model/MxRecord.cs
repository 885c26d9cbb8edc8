namespace Pint.Engine.Config;

/// <summary>
/// One <c>mx-host=name[,target[,preference]]</c> line. A missing target means this host itself (dnsmasq's default);
/// the preference defaults to 1.
/// </summary>
public sealed record MxRecord(string Name, string? Target, int Preference, ConfigSource Source);
