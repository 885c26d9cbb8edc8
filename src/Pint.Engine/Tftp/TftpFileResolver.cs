using Microsoft.Win32.SafeHandles;

namespace Pint.Engine.Tftp;

/// <summary>
/// Maps a requested file name to an open file under one root, refusing anything that would leave it.
/// Defence in depth: the name is checked lexically (no ".." or look-alike component), then the opened
/// file's real path (every symbolic link resolved) must lie under the real root, and it must be a regular file.
/// Error codes follow dnsmasq: 1 for a missing file, 2 for a refused one, 0 for a directory.
/// </summary>
public sealed class TftpFileResolver
{
    /// <summary>netascii is converted in memory; larger files are refused in that mode.</summary>
    public const int MaxNetAsciiFileSize = 16 * 1024 * 1024;

    private readonly string _root;
    private readonly string _realRoot;
    private readonly bool _secure;
    private readonly uint _userId = UnixFileStatus.EffectiveUserId;

    /// <param name="secure">tftp-secure: serve only files owned by the user running the server.</param>
    public TftpFileResolver(string root, bool secure)
    {
        _root = Path.GetFullPath(root);
        _realRoot = UnixFileStatus.RealPath(_root) ?? throw new DirectoryNotFoundException($"TFTP root '{root}' does not exist.");
        if (!Directory.Exists(_realRoot))
            throw new DirectoryNotFoundException($"TFTP root '{root}' is not a directory.");
        _secure = secure;
    }

    public string Root => _root;

    public TftpFileLookup Open(string requestedName, TftpMode mode)
    {
        if (!TryNormalize(requestedName, _root, out string relative))
            return TftpFileLookup.Refused(TftpErrorCode.AccessViolation, $"cannot access {requestedName}: Permission denied");

        string path = Path.Join(_root, relative);
        var missing = TftpFileLookup.Refused(TftpErrorCode.FileNotFound, $"file {requestedName} not found");
        var denied = TftpFileLookup.Refused(TftpErrorCode.AccessViolation, $"cannot access {requestedName}: Permission denied");

        // Examine before opening: opening a FIFO or device could block or have side effects.
        if (UnixFileStatus.IsSupported)
        {
            if (!UnixFileStatus.TryGet(path, out var before))
                return missing;
            if (before.IsDirectory)
                return TftpFileLookup.Refused(TftpErrorCode.NotDefined, $"cannot read {requestedName}: Is a directory");
            if (!before.IsRegularFile)
                return denied;
        }
        else if (Directory.Exists(path))
            return TftpFileLookup.Refused(TftpErrorCode.NotDefined, $"cannot read {requestedName}: Is a directory");

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return missing;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return denied;
        }

        if (!IsAllowed(handle, path))
        {
            handle.Dispose();
            return denied;
        }
        return mode == TftpMode.Octet
            ? TftpFileLookup.Found(new TftpFileContent(handle, RandomAccess.GetLength(handle)))
            : ReadNetAscii(handle, requestedName);
    }

    /// <summary>
    /// Turns a requested name into a path relative to the root, or false when it must be refused.
    /// Backslashes count as separators (as in dnsmasq); an absolute name inside <paramref name="root"/> is
    /// made relative, any other absolute name is taken relative to the root.
    /// </summary>
    public static bool TryNormalize(string requestedName, string root, out string relative)
    {
        relative = "";
        string name = requestedName.Replace('\\', '/');
        string rootPrefix = root.TrimEnd('/') + "/";
        if (name.StartsWith(rootPrefix, StringComparison.Ordinal))
            name = name[rootPrefix.Length..];

        var kept = new List<string>();
        foreach (string component in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (component == ".")
                continue;
            if (IsDotDotLike(component) || component.Contains('\0') || (OperatingSystem.IsWindows() && component.Contains(':')))
                return false;
            kept.Add(component);
        }
        if (kept.Count == 0)
            return false;
        relative = string.Join('/', kept);
        return true;
    }

    /// <summary>
    /// ".." and look-alikes made only of dots and Unicode dot forms (fullwidth, one-dot leader, small full stop):
    /// a filesystem or tool that folds them to "." must never see a parent reference.
    /// </summary>
    private static bool IsDotDotLike(string component) =>
        component.Length >= 2 && component.AsSpan().IndexOfAnyExcept(".\uFF0E\u2024\uFE52\u3002") < 0;

    private bool IsAllowed(SafeFileHandle handle, string path)
    {
        string? real = RealPathOf(handle, path);
        if (real is null || !real.StartsWith(_realRoot.TrimEnd('/') + "/", StringComparison.Ordinal))
            return false;
        if (!UnixFileStatus.IsSupported)
            return true;
        if (!UnixFileStatus.TryGet(handle, out var status) || !status.IsRegularFile)
            return false;
        // As dnsmasq: a server running as root serves only world-readable files (its permissions prove nothing);
        // otherwise tftp-secure limits it to the files its user owns.
        if (_userId == 0)
            return status.IsWorldReadable;
        return !_secure || status.OwnerId == _userId;
    }

    /// <summary>The path of what was actually opened: /proc knows it without a race; elsewhere ask realpath.</summary>
    private static string? RealPathOf(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsLinux())
        {
            string? target = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
            if (target is not null)
                return target;
        }
        return UnixFileStatus.RealPath(path);
    }

    private static TftpFileLookup ReadNetAscii(SafeFileHandle handle, string requestedName)
    {
        using (handle)
        {
            long length = RandomAccess.GetLength(handle);
            if (length > MaxNetAsciiFileSize)
                return TftpFileLookup.Refused(TftpErrorCode.NotDefined, $"file {requestedName} too large for netascii mode");
            var raw = new byte[length];
            int read = new TftpFileContent(handle, length).Read(0, raw);
            var source = raw.AsSpan(0, read);
            var encoded = new byte[NetAscii.EncodedLength(source)];
            NetAscii.Encode(source, encoded);
            return TftpFileLookup.Found(new TftpMemoryContent(encoded));
        }
    }
}
