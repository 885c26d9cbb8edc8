using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>One <c>interface-name=NAME,INTERFACE[/4|/6]</c> line; <see cref="Family"/> null answers both families.</summary>
public sealed record InterfaceNameEntry(string Name, string Interface, AddressFamily? Family, ConfigSource Source);
