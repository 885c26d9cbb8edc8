namespace Pint.Engine.Dhcp.Wire;

/// <summary>Offsets of the fixed BOOTP header (RFC 951 / RFC 2131 figure 1).</summary>
internal static class DhcpLayout
{
    public const int Op = 0, HardwareType = 1, HardwareLength = 2, Hops = 3, TransactionId = 4, Seconds = 8, Flags = 10;
    public const int ClientAddress = 12, YourAddress = 16, ServerAddress = 20, RelayAddress = 24;
    public const int ClientHardwareAddress = 28, ClientHardwareAddressLength = 16;
    public const int ServerNameOffset = 44, ServerNameLength = 64;
    public const int FileOffset = 108, FileLength = 128;
    public const int MagicOffset = 236;
    public const int OptionsOffset = 240;
    public const uint MagicCookie = 0x63825363;
    public const ushort BroadcastFlag = 0x8000;
    /// <summary>Replies are padded to the BOOTP minimum, which some old clients and relays require.</summary>
    public const int MinimumBootpSize = 300;
}
