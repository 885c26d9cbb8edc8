namespace Pint.Engine.Dhcp.Wire;

/// <summary>One option as found in a packet: its code and a view of its value bytes.</summary>
public readonly ref struct DhcpOption(byte code, ReadOnlySpan<byte> value)
{
    public byte Code { get; } = code;
    public ReadOnlySpan<byte> Value { get; } = value;
}

/// <summary>
/// Walks the options of a packet that <see cref="DhcpPacketReader"/> has validated: the options field, then the
/// file and sname fields when option 52 says they are overloaded (RFC 2131 4.1: file before sname). Pads are skipped.
/// </summary>
public ref struct DhcpOptionEnumerator
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly byte _overload;
    private ReadOnlySpan<byte> _area;
    private int _areaIndex;
    private DhcpOption _current;

    internal DhcpOptionEnumerator(ReadOnlySpan<byte> packet, byte overload)
    {
        _packet = packet;
        _overload = overload;
        _area = packet[DhcpLayout.OptionsOffset..];
        _areaIndex = 0;
        _current = default;
    }

    public readonly DhcpOption Current => _current;

    public readonly DhcpOptionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            while (!_area.IsEmpty && _area[0] == DhcpOptionCode.Pad) _area = _area[1..];
            if (!_area.IsEmpty && _area[0] != DhcpOptionCode.End && _area.Length >= 2 && _area.Length >= 2 + _area[1])
            {
                _current = new DhcpOption(_area[0], _area.Slice(2, _area[1]));
                _area = _area[(2 + _area[1])..];
                return true;
            }
            if (!NextArea()) return false;
        }
    }

    private bool NextArea()
    {
        while (++_areaIndex <= 2)
        {
            // Overload bit 1 = file carries options, bit 2 = sname does.
            if (_areaIndex == 1 && (_overload & 1) != 0) { _area = _packet.Slice(DhcpLayout.FileOffset, DhcpLayout.FileLength); return true; }
            if (_areaIndex == 2 && (_overload & 2) != 0) { _area = _packet.Slice(DhcpLayout.ServerNameOffset, DhcpLayout.ServerNameLength); return true; }
        }
        _area = [];
        return false;
    }
}
