namespace Pint.Engine.Tftp;

/// <summary>Why <see cref="TftpPacketReader"/> refused a packet. <see cref="None"/> means it was read.</summary>
public enum TftpRejection
{
    None,
    /// <summary>Shorter than the fixed part of its packet type.</summary>
    TooShort,
    /// <summary>The opcode is not one of 1..6.</summary>
    UnknownOpcode,
    /// <summary>The packet is valid TFTP but not the type the caller asked for.</summary>
    WrongOpcode,
    /// <summary>A filename, mode, option name or value is missing its NUL terminator.</summary>
    UnterminatedString,
    EmptyFileName,
    /// <summary>The filename is not valid UTF-8 or holds control characters.</summary>
    InvalidFileName,
    /// <summary>The mode is not octet or netascii (case-insensitive).</summary>
    UnsupportedMode,
    /// <summary>ACK/DATA/ERROR carries bytes its format does not allow.</summary>
    TrailingBytes,
}
