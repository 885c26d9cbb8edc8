using System.Net;

namespace Pint.Engine.Config;

/// <summary>One usable line of a hosts file: an address and its names (canonical name first).</summary>
public sealed record HostsEntry(IPAddress Address, IReadOnlyList<string> Names, ConfigSource Source);
