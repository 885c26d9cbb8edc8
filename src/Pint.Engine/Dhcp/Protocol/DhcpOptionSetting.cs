using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>A <c>dhcp-option</c> / <c>dhcp-option-force</c>: an option value to send, for clients with the given tags.</summary>
/// <param name="Code">Option number.</param>
/// <param name="Value">The value as it goes on the wire.</param>
/// <param name="RequiredTags">Tags the client must have ("!name" = must not have). A tagged setting wins over an untagged one.</param>
/// <param name="Force">Send even when the client did not ask for it in option 55.</param>
public sealed record DhcpOptionSetting(byte Code, byte[] Value, IReadOnlyList<string>? RequiredTags = null, bool Force = false)
{
    public static DhcpOptionSetting Addresses(byte code, params IPAddress[] addresses) =>
        new(code, addresses.SelectMany(a => a.GetAddressBytes()).ToArray());

    public static DhcpOptionSetting Text(byte code, string text) => new(code, Encoding.UTF8.GetBytes(text));

    public static DhcpOptionSetting UInt32(byte code, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new(code, bytes);
    }
}
