namespace Pint.Engine.Dhcp.Leases;

/// <summary>Another server (or editor) owns the lease file; change leases through that server instead.</summary>
public sealed class LeaseFileInUseException(string message, Exception? inner = null) : IOException(message, inner);
