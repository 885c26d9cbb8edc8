namespace Pint.Engine.Tftp;

/// <summary>A parsed RRQ or WRQ. <see cref="FileName"/> is exactly what the client sent, not yet resolved.</summary>
public sealed record TftpRequest(TftpOpcode Opcode, string FileName, TftpMode Mode, TftpOptionSet Options);
