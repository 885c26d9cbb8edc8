using System.Buffers.Binary;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Writes the options that carry sub-options (encap:, vendor:, vi-encap:). As dnsmasq 2.90 sends them (observed
/// with udhcpc): sub-options in reverse config order, values encoded untyped, an END (255) closing each encap:
/// or vendor: block but not a vi-encap: one, whose enterprises come in reverse order of their lines too. A
/// container goes out when the client asked for it (or a line is forced) and at least one sub-option is for it.
/// </summary>
internal sealed class EncapsulatedOptionWriter(IReadOnlyList<DhcpEncapsulatedOption> options)
{
    // Reversed once: dnsmasq keeps its option lines in a list it prepends to.
    private readonly DhcpEncapsulatedOption[] _reversed = [.. options.Reverse()];
    private readonly byte[] _containers = options.Select(o => o.Container).Distinct().ToArray();

    public bool IsEmpty => _reversed.Length == 0;

    /// <summary>Writes each container the client gets; <paramref name="configured"/> codes sent whole by dhcp-option lines are left alone.</summary>
    public void Write(ref DhcpPacketWriter writer, DhcpClient client, Func<byte, bool> requested, Func<byte, bool> configured)
    {
        Span<byte> block = stackalloc byte[255];
        foreach (var container in _containers)
        {
            if (configured(container)) continue;
            int length = 0;
            bool force = false;
            if (container == DhcpEncapsulatedOption.VendorIdentifying) length = WriteEnterprises(block, client, ref force);
            else
            {
                foreach (var option in _reversed)
                {
                    if (option.Container != container || !Applies(option, client)) continue;
                    if (!TryAppend(block, ref length, option.Code, option.Value)) break;
                    force |= option.Force;
                }
                if (length > 0 && length < block.Length) block[length++] = 255;
            }
            if (length > 0 && (force || requested(container))) writer.TryWriteOption(container, block[..length]);
        }
    }

    /// <summary>Option 125: per enterprise, its number, the length of its data, and its sub-options.</summary>
    private int WriteEnterprises(Span<byte> block, DhcpClient client, ref bool force)
    {
        int length = 0;
        var done = new List<uint>();
        foreach (var first in _reversed)
        {
            if (first.Container != DhcpEncapsulatedOption.VendorIdentifying || first.Enterprise is not { } enterprise || done.Contains(enterprise)) continue;
            done.Add(enterprise);
            if (length + 5 > block.Length) break;
            int start = length;
            BinaryPrimitives.WriteUInt32BigEndian(block[length..], enterprise);
            length += 5;
            foreach (var option in _reversed)
            {
                if (option.Container != DhcpEncapsulatedOption.VendorIdentifying || option.Enterprise != enterprise || !Applies(option, client)) continue;
                if (!TryAppend(block, ref length, option.Code, option.Value)) break;
                force |= option.Force;
            }
            if (length == start + 5) length = start; // nothing of this enterprise's applies to the client
            else block[start + 4] = (byte)(length - start - 5);
        }
        return length;
    }

    private static bool Applies(DhcpEncapsulatedOption option, DhcpClient client) =>
        client.Tags.Satisfies(option.RequiredTags)
        && (option.VendorClass is not { } vendor || (client.Request.TryGetOption(60, out var sent) && Contains(sent, vendor)));

    private static bool Contains(ReadOnlySpan<byte> sent, string vendor)
    {
        Span<byte> wanted = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(vendor.Length)];
        int n = System.Text.Encoding.UTF8.GetBytes(vendor, wanted);
        return sent.IndexOf(wanted[..n]) >= 0;
    }

    private static bool TryAppend(Span<byte> block, ref int length, byte code, ReadOnlySpan<byte> value)
    {
        // One byte kept for the END that closes the block.
        if (length + 2 + value.Length > block.Length - 1) return false;
        block[length] = code;
        block[length + 1] = (byte)value.Length;
        value.CopyTo(block[(length + 2)..]);
        length += 2 + value.Length;
        return true;
    }
}
