namespace Pint.Engine.Tftp;

/// <summary>The outcome of resolving a requested name: the content to serve, or the ERROR packet to send instead.</summary>
public sealed class TftpFileLookup
{
    private TftpFileLookup(ITftpContent? content, TftpErrorCode error, string message)
    {
        Content = content;
        Error = error;
        Message = message;
    }

    public ITftpContent? Content { get; }
    public TftpErrorCode Error { get; }
    public string Message { get; }
    public bool Succeeded => Content is not null;

    public static TftpFileLookup Found(ITftpContent content) => new(content, TftpErrorCode.NotDefined, "");

    public static TftpFileLookup Refused(TftpErrorCode error, string message) => new(null, error, message);
}
