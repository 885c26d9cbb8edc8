namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// Ownership of a lease file: <c>&lt;leasefile&gt;.lock</c> held open with <see cref="FileShare.None"/> (an flock(2)
/// lock on Linux, the share mode on Windows) for as long as a <see cref="LeaseStore"/> serves the file. A separate
/// file, because every snapshot replaces the lease file itself and a lock on it would move.
/// Editors outside the server (Remove-PintLease on a stopped server, imports) take the same lock, so they never
/// rewrite a file or a journal a server is writing. The lock is released by the kernel when the owner dies, even by kill -9.
/// </summary>
public sealed class LeaseFileLock : IDisposable
{
    private readonly FileStream _stream;

    private LeaseFileLock(FileStream stream) => _stream = stream;

    public static string PathFor(string leaseFile) => Path.GetFullPath(leaseFile) + ".lock";

    /// <summary>Takes the lock at once, or throws <see cref="LeaseFileInUseException"/> naming the file.</summary>
    public static LeaseFileLock Acquire(string leaseFile)
    {
        var path = PathFor(leaseFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new LeaseFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new LeaseFileInUseException(
                $"The lease file '{Path.GetFullPath(leaseFile)}' is in use by a running DHCP server (lock '{path}' is held).", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
