using System.Globalization;
using Pint.Engine.Config;

namespace Pint.Engine.Management;

/// <summary>
/// The PXE setup of a config (enable-tftp, tftp-root, dhcp-match on the client architecture, dhcp-boot, pxe-prompt,
/// pxe-service) as Get-PintPxeBoot lists it, and the lines New/Remove-PintPxeBoot write and take away.
/// BIOS clients get the untagged dhcp-boot (the fallback); UEFI x86-64 and ARM64 clients are tagged by option 93.
/// </summary>
public static class PxeBootCatalog
{
    public const string UefiX64Tag = "efi-x86_64";
    public const string Arm64Tag = "efi-arm64";
    private const int ClientArchOption = 93;

    public static IEnumerable<PintPxeBoot> List(PintConfig config, string configPath, string workingDirectory)
    {
        var root = RootOf(config, workingDirectory);
        foreach (var b in config.Dhcp.Boots)
        {
            var arch = ArchitecturesOf(config, b.Tags);
            bool local = b.ServerAddress is null && b.ServerAddressName is null;
            yield return new PintPxeBoot
            {
                Kind = PintPxeBootKind.DhcpBoot,
                Architecture = b.Tags.Count == 0 ? "Default" : arch.Length > 0 ? PxeClientArchitecture.Describe(arch) : string.Join(",", b.Tags),
                ClientArchitecture = arch,
                Tags = b.Tags.ToArray(),
                BootFile = b.FileName,
                ServerAddress = b.ServerAddress?.ToString() ?? b.ServerAddressName,
                TftpEnabled = config.Tftp.Enabled,
                TftpRoot = root,
                FileExists = local && root is not null ? File.Exists(Path.Combine(root, b.FileName.TrimStart('/'))) : null,
                Source = b.Source.File,
                Line = b.Source.Line,
                ConfigPath = configPath,
            };
        }
        foreach (var s in config.Tftp.PxeServices)
        {
            var arch = PxeClientArchitecture.FromServiceName(s.ClientSystemArchitecture);
            bool local = s.ServerAddress is null && s.ServerName is null;
            yield return new PintPxeBoot
            {
                Kind = PintPxeBootKind.PxeService,
                Architecture = arch is { } a ? PxeClientArchitecture.Describe(a) : s.ClientSystemArchitecture,
                ClientArchitecture = arch is { } n ? [n] : [],
                Tags = s.Tags.ToArray(),
                BootFile = s.BaseName,
                MenuText = s.MenuText,
                ServerAddress = s.ServerAddress?.ToString() ?? s.ServerName,
                TftpEnabled = config.Tftp.Enabled,
                TftpRoot = root,
                // PXE adds the layer suffix ".0" to a base name without one.
                FileExists = s.BaseName is { } name && local && root is not null
                    ? File.Exists(Path.Combine(root, name)) || File.Exists(Path.Combine(root, name + ".0"))
                    : null,
                Source = s.Source.File,
                Line = s.Source.Line,
                ConfigPath = configPath,
            };
        }
    }

    /// <summary>Full path of the untagged tftp-root, or null when there is none.</summary>
    public static string? RootOf(PintConfig config, string workingDirectory) =>
        config.Tftp.Roots.FirstOrDefault(r => r.Interface is null)?.Directory is { } dir ? Path.GetFullPath(dir, workingDirectory) : null;

    /// <summary>
    /// Writes a PXE setup: enable-tftp and tftp-root (unless already so), the option 93 matches for the
    /// architectures given, dhcp-boot lines, and with <paramref name="menuText"/> a pxe-prompt and one pxe-service per architecture.
    /// </summary>
    /// <param name="tftpRoot">Full path of the TFTP root.</param>
    public static void New(ConfigEditSession session, PintConfig config, string workingDirectory, string tftpRoot,
        string bootFile, string? uefiBootFile, string? arm64BootFile, string? menuText, int menuTimeout)
    {
        foreach (var file in new[] { bootFile, uefiBootFile, arm64BootFile }.OfType<string>())
            ValidateFileName(file);
        if (menuText is not null)
        {
            if (menuText.Length == 0 || menuText.Any(c => c is ',' or '"' or '#' || char.IsControl(c)) || menuText.Trim() != menuText)
                throw new PintEditException(PintEditError.InvalidValue, $"Menu text '{menuText}' must be non-empty text without commas, quotes, '#' or leading and trailing spaces.");
            if (menuTimeout is < 0 or > 255)
                throw new PintEditException(PintEditError.InvalidValue, $"Menu timeout {menuTimeout} must be 0 to 255 seconds.");
        }
        if (Choices(config).Select(c => (ConfigSource?)c.Source).FirstOrDefault() is { } existing)
            throw new PintEditException(PintEditError.AlreadyExists, $"The config already has a PXE boot setup ({existing}). Remove it with Remove-PintPxeBoot first, or edit that line.");
        if (RootOf(config, workingDirectory) is { } root && !SamePath(root, tftpRoot))
        {
            var line = config.Tftp.Roots.First(r => r.Interface is null).Source;
            throw new PintEditException(PintEditError.AlreadyExists, $"tftp-root is already '{root}' at {line}. Use that folder, or change the line first.");
        }

        if (!config.Tftp.Enabled)
            session.Append("enable-tftp", null);
        if (RootOf(config, workingDirectory) is null)
            session.Append("tftp-root", tftpRoot);
        if (uefiBootFile is not null)
        {
            AppendMatch(session, config, UefiX64Tag, PxeClientArchitecture.UefiX64);
            AppendMatch(session, config, UefiX64Tag, PxeClientArchitecture.UefiBc);
        }
        if (arm64BootFile is not null)
            AppendMatch(session, config, Arm64Tag, PxeClientArchitecture.UefiArm64);

        session.Append("dhcp-boot", bootFile);
        if (uefiBootFile is not null)
            session.Append("dhcp-boot", new DnsmasqValue().Tags([UefiX64Tag]).Add(uefiBootFile));
        if (arm64BootFile is not null)
            session.Append("dhcp-boot", new DnsmasqValue().Tags([Arm64Tag]).Add(arm64BootFile));

        if (menuText is null)
            return;
        session.Append("pxe-prompt", DnsmasqValue.Of(menuText).Add(menuTimeout));
        session.Append("pxe-service", DnsmasqValue.Of("x86PC", menuText, bootFile));
        if (uefiBootFile is not null)
            session.Append("pxe-service", DnsmasqValue.Of("x86-64_EFI", menuText, uefiBootFile));
        if (arm64BootFile is not null)
            session.Append("pxe-service", DnsmasqValue.Of("ARM64_EFI", menuText, arm64BootFile));
    }

    /// <summary>
    /// Removes the given boot choices (all of them when <paramref name="boots"/> is null), then the option 93 matches
    /// whose tags no remaining choice uses and the pxe-prompt when no menu entry is left.
    /// With <paramref name="disableTftp"/> also enable-tftp and the tftp-root lines.
    /// </summary>
    public static void Remove(ConfigEditSession session, PintConfig config, IReadOnlyCollection<PintPxeBoot>? boots, bool disableTftp)
    {
        // Entries are all found before any is removed: a removal renumbers the lines after it.
        var doomed = new List<ConfigEntry>();
        var removed = new HashSet<ConfigSource>();
        foreach (var (option, source) in Choices(config))
        {
            if (boots is not null && !boots.Any(b => source.Is(b.Source, b.Line)))
                continue;
            doomed.Add(session.EntryAt(option, source)
                ?? throw new PintEditException(PintEditError.NotFound, $"The {option}= line at {source} is no longer there; the config changed. Run Get-PintPxeBoot again."));
            removed.Add(source);
        }
        foreach (var b in boots ?? [])
        {
            if (!removed.Any(s => s.Is(b.Source, b.Line)))
                throw new PintEditException(PintEditError.NotFound, $"No PXE boot line at {b.Source}:{b.Line}; the config changed. Run Get-PintPxeBoot again.");
        }

        var tagsInUse = config.Dhcp.Boots.Where(b => !removed.Contains(b.Source)).SelectMany(b => b.Tags)
            .Concat(config.Tftp.PxeServices.Where(s => !removed.Contains(s.Source)).SelectMany(s => s.Tags))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var m in config.Dhcp.Matches.Where(m => m.OptionNumber == ClientArchOption && !tagsInUse.Contains(m.SetTag)))
            AddEntry(doomed, session, "dhcp-match", m.Source);
        if (!config.Tftp.PxeServices.Any(s => !removed.Contains(s.Source)))
            foreach (var p in config.Tftp.PxePrompts)
                AddEntry(doomed, session, "pxe-prompt", p.Source);
        if (disableTftp)
            doomed.AddRange(session.Entries("enable-tftp").Concat(session.Entries("tftp-root")));

        foreach (var entry in doomed.OrderByDescending(e => e.Line.Number))
            session.Remove(entry);
    }

    private static IEnumerable<(string Option, ConfigSource Source)> Choices(PintConfig config) =>
        config.Dhcp.Boots.Select(b => ("dhcp-boot", b.Source)).Concat(config.Tftp.PxeServices.Select(s => ("pxe-service", s.Source)));

    private static void AddEntry(List<ConfigEntry> entries, ConfigEditSession session, string option, ConfigSource source)
    {
        if (session.EntryAt(option, source) is { } entry)
            entries.Add(entry);
    }

    private static int[] ArchitecturesOf(PintConfig config, IReadOnlyList<string> tags) =>
        config.Dhcp.Matches
            .Where(m => m.OptionNumber == ClientArchOption && tags.Contains(m.SetTag) && m.Value is not null)
            .Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .ToArray();

    private static void AppendMatch(ConfigEditSession session, PintConfig config, string tag, int arch)
    {
        var value = arch.ToString(CultureInfo.InvariantCulture);
        if (!config.Dhcp.Matches.Any(m => m.SetTag == tag && m.OptionNumber == ClientArchOption && m.Value == value))
            session.Append("dhcp-match", new DnsmasqValue().Tags([tag], "set").Add("option:client-arch").Add(value));
    }

    /// <summary>A boot file is named relative to the TFTP root, as the client will ask for it.</summary>
    public static void ValidateFileName(string file)
    {
        if (file.Length == 0 || file.Any(c => c is ',' or '"' or '#' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new PintEditException(PintEditError.InvalidValue, $"Boot file '{file}' must be a path without commas, quotes, '#', backslashes or spaces.");
        if (Path.IsPathRooted(file) || file.Split('/').Contains(".."))
            throw new PintEditException(PintEditError.InvalidValue, $"Boot file '{file}' must be relative to the TFTP root, without '..'.");
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
