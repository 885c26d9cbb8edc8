using System.Numerics;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// A set of IPv4 addresses (as numbers) kept as bits, in pages of 65,536 addresses made when first used, so that the
/// allocator finds the next free address of a filling range 64 addresses per step instead of one lookup per address.
/// Not thread-safe: its owner guards it.
/// </summary>
internal sealed class AddressBitmap
{
    private const int PageShift = 16;             // 65,536 addresses per page
    private const int WordsPerPage = 1 << (PageShift - 6);
    private readonly Dictionary<uint, ulong[]> _pages = new();

    public void Add(uint address)
    {
        if (!_pages.TryGetValue(address >> PageShift, out var page))
            _pages[address >> PageShift] = page = new ulong[WordsPerPage];
        page[WordIn(address)] |= Bit(address);
    }

    public void Remove(uint address)
    {
        if (_pages.TryGetValue(address >> PageShift, out var page)) page[WordIn(address)] &= ~Bit(address);
    }

    public bool Contains(uint address) =>
        _pages.TryGetValue(address >> PageShift, out var page) && (page[WordIn(address)] & Bit(address)) != 0;

    /// <summary>
    /// The lowest address in [<paramref name="from"/>, <paramref name="to"/>] that none of the given sets holds,
    /// or null when every address there is in one of them.
    /// </summary>
    public static uint? FirstAbsent(uint from, uint to, AddressBitmap first, AddressBitmap? second = null, AddressBitmap? third = null)
    {
        if (from > to) return null;
        var word = from >> 6;
        var lastWord = to >> 6;
        ulong[]? a = null, b = null, c = null;
        var pageOf = uint.MaxValue;
        while (true)
        {
            if (word >> (PageShift - 6) != pageOf)
            {
                pageOf = word >> (PageShift - 6);
                a = first._pages.GetValueOrDefault(pageOf);
                b = second?._pages.GetValueOrDefault(pageOf);
                c = third?._pages.GetValueOrDefault(pageOf);
            }
            var index = (int)(word & (WordsPerPage - 1));
            var free = ~((a?[index] ?? 0) | (b?[index] ?? 0) | (c?[index] ?? 0));
            if (word == from >> 6) free &= ulong.MaxValue << (int)(from & 63);
            if (word == lastWord) free &= ulong.MaxValue >> (63 - (int)(to & 63));
            if (free != 0) return (word << 6) | (uint)BitOperations.TrailingZeroCount(free);
            if (word == lastWord) return null;
            word++;
        }
    }

    private static int WordIn(uint address) => (int)((address >> 6) & (WordsPerPage - 1));

    private static ulong Bit(uint address) => 1UL << (int)(address & 63);
}
