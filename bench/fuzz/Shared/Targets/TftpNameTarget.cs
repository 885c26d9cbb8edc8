using System.Text;
using Pint.Engine.Tftp;

namespace Pint.Fuzz;

/// <summary>
/// Requested file names through <see cref="TftpFileResolver.TryNormalize"/>: never throws, and an accepted name is a
/// relative path with no empty, "." or ".."-like component, so it cannot leave the TFTP root.
/// </summary>
public sealed class TftpNameTarget : FuzzTarget
{
    private const string Root = "/srv/tftp";

    public override string Name => "tftp-names";

    public override IReadOnlyList<byte[]> Seeds { get; } = FuzzSeeds.Words(
        "pxelinux.0", "/srv/tftp/boot/x.efi", "boot\\grub\\core.efi", "../etc/passwd", "a/./b", "/etc/shadow", "a/../../b",
        "\uFF0E\uFF0E/secret", "..\u2024/x", "C:\\boot.ini", "//double//slash", "/srv/tftpother/x");

    public override IReadOnlyList<byte[]> Dictionary { get; } = FuzzSeeds.Words(
        "/", "\\", ".", "..", "./", "../", "\uFF0E", "\u2024", "\uFE52", "\u3002", "\0", ":", Root, Root + "/", "~", "%2e", " ", "\u00e9");

    public override int MaxInputLength => 1024;

    public override int Run(byte[] input)
    {
        var name = Encoding.UTF8.GetString(input);
        if (!TftpFileResolver.TryNormalize(name, Root, out var relative)) return 0;
        FuzzPropertyException.Check(relative.Length > 0 && !relative.StartsWith('/') && !relative.Contains('\\'), $"'{relative}' is relative with forward slashes");
        foreach (var part in relative.Split('/'))
        {
            var dotsOnly = part.AsSpan().IndexOfAnyExcept(".\uFF0E\u2024\uFE52\u3002") < 0;
            FuzzPropertyException.Check(part.Length > 0 && !(dotsOnly && (part.Length >= 2 || part == ".")), $"'{relative}' has no empty, '.' or '..'-like component");
        }
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        FuzzPropertyException.Check(full.StartsWith(Root + "/", StringComparison.Ordinal), $"'{relative}' stays under the root ({full})");
        return 1 + Math.Min(relative.Count(c => c == '/'), 8);
    }
}
