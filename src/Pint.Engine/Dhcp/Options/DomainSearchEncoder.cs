using System.Text;

namespace Pint.Engine.Dhcp.Options;

/// <summary>
/// RFC 3397 domain search lists: the names in RFC 1035 wire form, where a name whose tail was written before ends
/// with a two-byte pointer to it (offsets count from the start of the option data).
/// </summary>
public static class DomainSearchEncoder
{
    private const int MaxLabel = 63;
    private const int MaxPointerOffset = 0x3fff;

    public static bool TryEncode(IReadOnlyList<string> names, out byte[] bytes, out string? error)
    {
        var output = new List<byte>();
        var written = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); // suffix -> offset
        foreach (var raw in names)
        {
            var name = raw.Trim().TrimEnd('.');
            var labels = name.Length == 0 ? [] : name.Split('.');
            if (labels.Any(l => l.Length is 0 or > MaxLabel || Encoding.UTF8.GetByteCount(l) > MaxLabel))
            {
                bytes = [];
                error = $"'{raw}' is not a domain name (labels must be 1 to 63 characters)";
                return false;
            }
            var pointed = false;
            for (var i = 0; i < labels.Length; i++)
            {
                var suffix = string.Join('.', labels[i..]);
                if (written.TryGetValue(suffix, out var offset))
                {
                    output.Add((byte)(0xc0 | (offset >> 8)));
                    output.Add((byte)offset);
                    pointed = true;
                    break;
                }
                if (output.Count <= MaxPointerOffset) written[suffix] = output.Count;
                var label = Encoding.UTF8.GetBytes(labels[i]);
                output.Add((byte)label.Length);
                output.AddRange(label);
            }
            if (!pointed) output.Add(0);
        }
        bytes = output.ToArray();
        error = null;
        return true;
    }
}
