namespace Pint.Engine.Config;

/// <summary>
/// An exclusive, cross-process lock on a config: the file <c>&lt;config&gt;.lock</c> opened with
/// <see cref="FileShare.None"/> (on Linux .NET takes an flock(2) lock, so <c>flock</c> from a shell excludes it too;
/// on Windows the share mode does). The lock file is left in place on release: deleting it would let a waiter hold
/// a lock on a file that no longer exists while a third process creates a new one.
/// </summary>
internal sealed class ConfigFileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _stream;

    private ConfigFileLock(FileStream stream) => _stream = stream;

    public static string PathFor(string configPath) => configPath + ".lock";

    /// <exception cref="TimeoutException">Another session held the lock for longer than <paramref name="timeout"/>.</exception>
    public static ConfigFileLock Acquire(string configPath, TimeSpan timeout)
    {
        var lockPath = PathFor(configPath);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new ConfigFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(RetryInterval);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"'{configPath}' is being edited by another session (lock file '{lockPath}' held for more than {timeout.TotalSeconds:0.#} s)", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
