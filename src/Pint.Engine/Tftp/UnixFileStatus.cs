using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pint.Engine.Tftp;

/// <summary>
/// The few stat(2) facts the TFTP access rules need (type, permission bits, owner), which .NET does not expose.
/// Uses Linux statx because its struct layout is the same on every architecture.
/// </summary>
internal readonly partial record struct UnixFileStatus(uint Mode, uint OwnerId)
{
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int Directory = 0x4000;
    private const int WorldReadable = 0x4;

    public bool IsRegularFile => (Mode & FileTypeMask) == RegularFile;
    public bool IsDirectory => (Mode & FileTypeMask) == Directory;
    public bool IsWorldReadable => (Mode & WorldReadable) != 0;

    public static bool IsSupported => OperatingSystem.IsLinux();

    public static uint EffectiveUserId => OperatingSystem.IsWindows() ? uint.MaxValue : geteuid();

    /// <summary>stat() of a path, following symbolic links. False when it does not exist or cannot be examined.</summary>
    public static bool TryGet(string path, out UnixFileStatus status) => TryStatx(AtCurrentDirectory, path, 0, out status);

    /// <summary>fstat() of an open handle.</summary>
    public static bool TryGet(SafeFileHandle handle, out UnixFileStatus status)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return TryStatx((int)handle.DangerousGetHandle(), "", AtEmptyPath, out status);
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>realpath(3): the absolute path with every symbolic link and dot component resolved.</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            return Path.GetFullPath(target?.FullName ?? path);
        }
        nint resolved = realpath(path, 0);
        if (resolved == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    private const int AtCurrentDirectory = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeModeUid = 0x1 | 0x2 | 0x8;

    private static unsafe bool TryStatx(int directory, string path, int flags, out UnixFileStatus status)
    {
        status = default;
        if (!IsSupported)
            return false;
        byte* buffer = stackalloc byte[256];
        if (statx(directory, path, flags, StatxTypeModeUid, buffer) != 0)
            return false;
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid (20), u32 gid, u16 mode (28).
        status = new UnixFileStatus(*(ushort*)(buffer + 28), *(uint*)(buffer + 20));
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint geteuid();

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void free(nint pointer);
}
