using System.Globalization;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Options;

namespace Pint.Engine.Management;

/// <summary>
/// The dhcp-option= lines of a config as Get-PintDhcpOption lists them, and the edits Set/Remove-PintDhcpOption make.
/// A value is checked with the encoder the server uses before anything is written, so a config the cmdlets wrote
/// always starts.
/// </summary>
public static class DhcpOptionCatalog
{
    private const string Option = "dhcp-option";

    public static IEnumerable<PintDhcpOption> List(PintConfig config, string configPath) =>
        config.Dhcp.Options.Select(o => new PintDhcpOption
        {
            OptionId = o.Number,
            // A sub-option's number means nothing in the top-level option space: only top-level options get a name.
            Name = o.VendorClass is null && o.Encapsulation is null && o.VendorEncapsulation is null ? DhcpOptionNames.NameOf(o.Number) : null,
            Value = o.Values.ToArray(),
            Tag = o.Tags.ToArray(),
            Force = o.Force,
            VendorClass = o.VendorClass is { } v ? $"vendor:{v}"
                : o.Encapsulation is { } e ? $"encap:{e}"
                : o.VendorEncapsulation is { } ve ? $"vi-encap:{ve}" : null,
            Source = o.Source.File,
            Line = o.Source.Line,
            ConfigPath = configPath,
        });

    /// <summary>
    /// Sets option <paramref name="optionId"/> to <paramref name="values"/> for clients with <paramref name="tags"/>:
    /// replaces the plain dhcp-option= line with the same number and the same tags, or appends one.
    /// </summary>
    /// <exception cref="PintEditException">The number is out of range, a tag is malformed, or the value does not encode.</exception>
    public static void Set(ConfigEditSession session, PintConfig config, int optionId, IReadOnlyList<string> values, IReadOnlyList<string> tags)
    {
        var label = Label(optionId);
        if (optionId is < 1 or > 254)
            throw new PintEditException(PintEditError.InvalidValue, $"Option {optionId} cannot be set: DHCPv4 options are numbered 1 to 254.");
        foreach (var tag in tags) ValidateTag(tag);
        var cleaned = values.Select(v => v.Trim()).ToArray();
        foreach (var v in cleaned)
        {
            if (v.Any(c => c is ',' || char.IsControl(c)))
                throw new PintEditException(PintEditError.InvalidValue, $"{label}: value '{v}' must not contain a comma or control characters; give each value separately.");
        }
        if (!DhcpOptionEncoder.TryEncode(optionId, cleaned, out var bytes, out var error))
            throw new PintEditException(PintEditError.InvalidValue, $"{label}: {error}.");
        if (bytes.Length > 255)
            throw new PintEditException(PintEditError.InvalidValue, $"{label}: the value is {bytes.Length} bytes; at most 255 fit in a DHCP option.");

        var text = Format(optionId, cleaned, tags);
        var existing = config.Dhcp.Options.FirstOrDefault(o => IsPlain(o) && o.Number == optionId && SameTags(o.Tags, tags));
        if (existing is null) session.Append(Option, text);
        else session.Replace(session.EntryAt(Option, existing.Source) ?? throw Changed(existing.Source), text);
    }

    /// <summary>Removes the line <paramref name="option"/> came from.</summary>
    public static void Remove(ConfigEditSession session, PintConfig config, PintDhcpOption option)
    {
        var found = config.Dhcp.Options.FirstOrDefault(o => o.Source.Is(option.Source, option.Line) && o.Number == option.OptionId)
            ?? throw Changed(new ConfigSource(option.Source, option.Line));
        var name = found.Force ? "dhcp-option-force" : Option;
        session.Remove(session.EntryAt(name, found.Source) ?? throw Changed(found.Source));
    }

    /// <summary>The line of a plain option with exactly these tags (order and case of tags do not matter).</summary>
    public static PintDhcpOption? Find(IEnumerable<PintDhcpOption> options, int optionId, IReadOnlyList<string> tags) =>
        options.FirstOrDefault(o => !o.Force && o.VendorClass is null && o.OptionId == optionId && SameTags(o.Tag, tags));

    private static bool IsPlain(DhcpOptionEntry o) =>
        !o.Force && o.Encapsulation is null && o.VendorEncapsulation is null && o.VendorClass is null;

    private static bool SameTags(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary><c>[tag:a,...]option:name,value,...</c>; by name when dnsmasq has one, so the line reads well.</summary>
    private static string Format(int optionId, IReadOnlyList<string> values, IReadOnlyList<string> tags)
    {
        var code = DhcpOptionNames.NameOf(optionId) is { } name ? $"option:{name}" : optionId.ToString(CultureInfo.InvariantCulture);
        return new DnsmasqValue().Tags(tags).Add(code).AddWritten(values);
    }

    private static void ValidateTag(string tag)
    {
        var bare = tag.StartsWith('!') ? tag[1..] : tag;
        if (bare.Length == 0 || bare.Any(c => c is ',' or ':' or '#' or '!' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new PintEditException(PintEditError.InvalidValue, $"Tag '{tag}' must be a non-empty name without ',', ':', '#' or spaces (a leading '!' means \"clients without the tag\").");
    }

    private static string Label(int optionId) =>
        DhcpOptionNames.NameOf(optionId) is { } name ? $"Option {optionId} ({name})" : $"Option {optionId}";

    private static PintEditException Changed(ConfigSource s) =>
        new(PintEditError.NotFound, $"The option at {s} is no longer there; the config changed. Run Get-PintDhcpOption again.");
}
