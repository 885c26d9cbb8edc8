namespace Pint.Soak;

/// <summary>Resident memory and open descriptors of a process, read from /proc (Linux only).</summary>
public static class ServiceProcessStats
{
    /// <summary>VmRSS in KiB.</summary>
    public static long ResidentKib(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        throw new InvalidDataException($"/proc/{pid}/status has no VmRSS line");
    }

    public static int OpenDescriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    /// <summary>The kinds of descriptors open (socket, file path, pipe, anon_inode:...) with counts, for leak evidence.</summary>
    public static IReadOnlyDictionary<string, int> DescriptorKinds(int pid)
    {
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            string target;
            try { target = new FileInfo(fd).LinkTarget ?? "?"; }
            catch (IOException) { continue; } // closed while we looked
            var kind = target.StartsWith("socket:", StringComparison.Ordinal) ? "socket"
                : target.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe"
                : target.EndsWith(".dll", StringComparison.Ordinal) ? "assembly"
                : target;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }
        return kinds;
    }
}
