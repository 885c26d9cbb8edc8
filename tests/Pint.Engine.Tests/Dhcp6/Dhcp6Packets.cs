using System.Net;
using Pint.Engine.Dhcp6.Wire;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>Builds client and relay messages as real clients send them.</summary>
internal static class Dhcp6Packets
{
    public static byte[] Duid(string hex) => Convert.FromHexString(hex.Replace(":", ""));

    public static byte[] Client(Dhcp6MessageType type, uint xid, byte[]? clientId, byte[]? serverId = null, uint? iaid = null,
        IPAddress? address = null, uint preferred = 0, uint valid = 0, ushort[]? oro = null, bool rapid = false)
    {
        var buffer = new byte[1500];
        var w = new Dhcp6Writer(buffer);
        w.WriteHeader(type, xid);
        if (clientId is not null) w.WriteOption(Dhcp6OptionCode.ClientId, clientId);
        if (serverId is not null) w.WriteOption(Dhcp6OptionCode.ServerId, serverId);
        w.WriteOption(Dhcp6OptionCode.ElapsedTime, [0, 0]);
        if (iaid is { } id)
        {
            var ia = w.BeginOption(Dhcp6OptionCode.IaNa);
            w.WriteUInt32(id);
            w.WriteUInt32(3600);
            w.WriteUInt32(5400);
            if (address is not null)
            {
                var sub = w.BeginOption(Dhcp6OptionCode.IaAddr);
                w.WriteAddress(address);
                w.WriteUInt32(preferred);
                w.WriteUInt32(valid);
                w.EndOption(sub);
            }
            w.EndOption(ia);
        }
        if (oro is not null)
        {
            var o = w.BeginOption(Dhcp6OptionCode.Oro);
            foreach (var code in oro) w.WriteUInt16(code);
            w.EndOption(o);
        }
        if (rapid) w.WriteOption(Dhcp6OptionCode.RapidCommit, []);
        return w.Written.ToArray();
    }

    public static byte[] Relayed(byte[] inner, IPAddress linkAddress, IPAddress peer, byte[]? interfaceId = null, byte hops = 0)
    {
        var buffer = new byte[inner.Length + 100];
        var w = new Dhcp6Writer(buffer);
        w.WriteRelayHeader(Dhcp6MessageType.RelayForward, hops, linkAddress.GetAddressBytes(), peer.GetAddressBytes());
        if (interfaceId is not null) w.WriteOption(Dhcp6OptionCode.InterfaceId, interfaceId);
        w.WriteOption(Dhcp6OptionCode.RelayMessage, inner);
        return w.Written.ToArray();
    }
}
