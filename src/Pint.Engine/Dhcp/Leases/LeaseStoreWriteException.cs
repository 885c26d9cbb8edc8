namespace Pint.Engine.Dhcp.Leases;

/// <summary>A lease could not be made durable (disk full, read-only, I/O error); it must not be granted.</summary>
public sealed class LeaseStoreWriteException(string message, Exception inner) : IOException(message, inner);
