namespace Pint.Engine.Management;

/// <summary>Why a requested config change cannot be made (a duplicate, a missing entry, a read-only source).</summary>
public sealed class PintEditException : Exception
{
    public PintEditException(PintEditError error, string message) : base(message) => Error = error;

    public PintEditError Error { get; }
}

public enum PintEditError
{
    AlreadyExists,
    NotFound,
    ReadOnlySource,
    InvalidValue,
}
