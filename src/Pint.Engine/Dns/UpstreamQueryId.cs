using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pint.Engine.Dns;

/// <summary>
/// The ID of a query sent upstream. With the random source port it is what keeps a forged answer out of the cache,
/// and an attacker can make the server forward queries to a server of theirs and watch the IDs, so it must come from
/// a generator whose next output the earlier ones do not tell: the kernel's (getrandom), read 256 bytes at a time
/// per thread. On Linux that avoids <see cref="RandomNumberGenerator"/>, which would load OpenSSL (about 5 MiB
/// resident) into the service for these 16 bits; elsewhere the platform's generator needs no such library.
/// </summary>
internal static unsafe class UpstreamQueryId
{
    private const int BufferSize = 256;
    [ThreadStatic] private static byte[]? t_buffer;
    [ThreadStatic] private static int t_next;

    public static ushort Next()
    {
        var buffer = t_buffer;
        if (buffer is null || t_next >= BufferSize)
        {
            buffer = t_buffer ??= new byte[BufferSize];
            Fill(buffer);
            t_next = 0;
        }
        ushort id = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(t_next));
        t_next += 2;
        return id;
    }

    private static void Fill(Span<byte> buffer)
    {
        if (!OperatingSystem.IsLinux())
        {
            FillFromPlatform(buffer);
            return;
        }
        fixed (byte* start = buffer)
        {
            int filled = 0;
            while (filled < buffer.Length)
            {
                nint n = GetRandom(start + filled, (nuint)(buffer.Length - filled), 0);
                if (n > 0) filled += (int)n;
                else if (Marshal.GetLastPInvokeError() != 4) // EINTR: again; anything else: never expected, but never predictable
                    throw new InvalidOperationException($"getrandom failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
    }

    // A method of its own: compiling Fill must not load System.Security.Cryptography on Linux, where it is not called.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillFromPlatform(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    [DllImport("libc", EntryPoint = "getrandom", SetLastError = true)]
    private static extern nint GetRandom(byte* buffer, nuint length, uint flags);
}
