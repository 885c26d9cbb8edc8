namespace Pint.Engine.Tftp;

/// <summary>
/// The options of an RRQ or OACK (RFC 2347). A null member was absent or unusable.
/// In a request <see cref="TransferSize"/> is the value the client sent (normally 0): its presence asks for the size.
/// </summary>
public readonly record struct TftpOptionSet(int? BlockSize, long? TransferSize, int? TimeoutSeconds, int? WindowSize)
{
    public const int MinBlockSize = 8;
    public const int MaxBlockSize = 65464;
    public const int DefaultBlockSize = 512;
    public const int MaxWindowSize = 65535;
    public const int MaxTimeoutSeconds = 255;

    public bool IsEmpty => BlockSize is null && TransferSize is null && TimeoutSeconds is null && WindowSize is null;
}
