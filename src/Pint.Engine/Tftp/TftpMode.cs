namespace Pint.Engine.Tftp;

/// <summary>Transfer modes Pint serves. "mail" is obsolete and refused, as dnsmasq does.</summary>
public enum TftpMode
{
    Octet,
    NetAscii,
}
