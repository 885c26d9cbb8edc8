namespace Pint.Engine.Config;

/// <summary>The router preference an RA carries (RFC 4191): medium unless <c>ra-param</c> says high or low.</summary>
public enum RaPreference
{
    Medium,
    High,
    Low,
}

/// <summary>
/// One <c>ra-param=INTERFACE,[mtu:N|mtu:IFACE|mtu:off,][high|low,]INTERVAL[,LIFETIME]</c> line. <see cref="Interface"/>
/// may hold '*' wildcards. <see cref="Mtu"/> is the MTU option's value, <see cref="MtuInterface"/> names an interface
/// whose MTU is sent instead, <see cref="MtuOff"/> leaves the option out; none of them: the sending interface's MTU.
/// <see cref="Interval"/> 0 means dnsmasq's default (600 seconds); <see cref="RouterLifetime"/> null means three
/// intervals.
/// </summary>
public sealed record RaParam(
    string Interface,
    int? Mtu,
    string? MtuInterface,
    bool MtuOff,
    RaPreference Preference,
    int Interval,
    int? RouterLifetime,
    ConfigSource Source);
