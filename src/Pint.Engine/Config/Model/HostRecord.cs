using System.Net;

namespace Pint.Engine.Config;

/// <summary>One <c>host-record=name[,name...],[ipv4],[ipv6][,ttl]</c> line: A/AAAA and matching PTR records.</summary>
public sealed record HostRecord(IReadOnlyList<string> Names, IPAddress? IPv4, IPAddress? IPv6, int? Ttl, ConfigSource Source);
