using System.Collections.Concurrent;

namespace Pint.Engine.Dns;

/// <summary>
/// Receive buffers for asynchronous socket calls, allocated on the pinned object heap. A socket pins its buffer for
/// the whole wait; ordinary arrays pinned that long in gen0 stop the GC from compacting and freeing those regions, so
/// a burst of forwarded queries would leave tens of megabytes committed.
/// </summary>
public sealed class PinnedBufferPool(int bufferSize, int maxRetained)
{
    private readonly ConcurrentBag<byte[]> _free = [];

    public int BufferSize { get; } = bufferSize;

    public byte[] Rent() => _free.TryTake(out var buffer) ? buffer : GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);

    public void Return(byte[] buffer)
    {
        if (_free.Count < maxRetained) _free.Add(buffer);
    }
}
