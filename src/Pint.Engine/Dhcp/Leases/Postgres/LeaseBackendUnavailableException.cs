namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// The lease database could not be reached, refused the connection, went away mid-operation, or did not answer
/// within the configured timeout. Nothing may be acknowledged on the strength of the operation: it may or may not
/// have been committed (a commit whose answer was lost), but it was not confirmed.
/// </summary>
public sealed class LeaseBackendUnavailableException(string operation, TimeSpan elapsed, Exception? inner)
    : Exception($"lease database unavailable during {operation} (after {elapsed.TotalMilliseconds:0} ms): {inner?.Message ?? "timed out"}", inner)
{
    /// <summary>The backend operation that failed (claim, renew, ...).</summary>
    public string Operation { get; } = operation;

    /// <summary>How long the operation ran before it gave up.</summary>
    public TimeSpan Elapsed { get; } = elapsed;
}
