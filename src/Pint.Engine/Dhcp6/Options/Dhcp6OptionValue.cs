namespace Pint.Engine.Dhcp6.Options;

/// <summary>
/// A configured DHCPv6 option, encoded: <see cref="Data"/> is the value as sent, except that the 16-byte slots at
/// <see cref="ServerAddressSlots"/> were written as <c>[::]</c> and get this server's address on the client's link.
/// </summary>
public sealed record Dhcp6OptionValue(ushort Code, byte[] Data, IReadOnlyList<int> ServerAddressSlots, IReadOnlyList<string> Tags, bool Force);
