namespace Pint.Engine.Config;

/// <summary>
/// Splits the leading <c>tag:x</c> / <c>set:x</c> fields that many DHCP options start with
/// (dnsmasq also accepts the older <c>net:x</c> for both).
/// </summary>
internal static class TagList
{
    public static bool IsTag(string field) => field.StartsWith("tag:", StringComparison.Ordinal) || field.StartsWith("net:", StringComparison.Ordinal);

    public static bool IsSet(string field) => field.StartsWith("set:", StringComparison.Ordinal);

    /// <summary>
    /// The tag a classifying option sets from its first field, <c>set:TAG</c> (or the older <c>net:TAG</c>);
    /// null when the field is neither or names no tag.
    /// </summary>
    public static string? SetTagOf(string field) =>
        (IsSet(field) || field.StartsWith("net:", StringComparison.Ordinal)) && field.Length > 4 ? field[4..] : null;

    /// <summary>Removes leading <c>tag:</c> fields (and <c>set:</c> fields when <paramref name="setTags"/> is given).</summary>
    public static int TakeLeading(string[] fields, List<string> tags, List<string>? setTags = null)
    {
        var i = 0;
        for (; i < fields.Length; i++)
        {
            if (IsTag(fields[i])) tags.Add(fields[i][4..]);
            else if (setTags is not null && IsSet(fields[i])) setTags.Add(fields[i][4..]);
            else break;
        }
        return i;
    }
}
