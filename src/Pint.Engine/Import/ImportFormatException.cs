namespace Pint.Engine.Import;

/// <summary>
/// An import file that cannot be read: malformed XML, a missing element, a zone line that makes no sense. The
/// message names the file, the line and (for XML) the element, so the user can go straight to the fault.
/// Thrown before anything is written.
/// </summary>
public sealed class ImportFormatException : FormatException
{
    public ImportFormatException(string file, int line, string message, Exception? inner = null)
        : base($"{file}:{line}: {message}", inner)
    {
        File = file;
        Line = line;
        Reason = message;
    }

    public string File { get; }
    /// <summary>1-based line of the fault; 0 when the reader could not tell.</summary>
    public int Line { get; }
    /// <summary>The message without the file and line.</summary>
    public string Reason { get; }
}
