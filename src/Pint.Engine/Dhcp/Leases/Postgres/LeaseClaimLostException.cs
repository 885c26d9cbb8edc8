namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// The shared lease database did not take a lease: another client holds the address (<see cref="Holder"/>), or the
/// database is away and the lease is new. Carried as the inner exception of the store's write failure.
/// </summary>
public sealed class LeaseClaimLostException(SharedCommitStatus status, SharedLease? holder)
    : Exception(status == SharedCommitStatus.Lost ? $"address held by {holder?.HardwareAddress} (server {holder?.ServerId})" : "lease database unreachable")
{
    /// <summary>Lost or Unavailable.</summary>
    public SharedCommitStatus Status { get; } = status;

    /// <summary>The row that kept the address, when lost.</summary>
    public SharedLease? Holder { get; } = holder;
}
