using System.Buffers.Binary;
using System.Net;
using System.Text;
using Pint.Engine.Dhcp6.Protocol;

namespace Pint.Engine.Dhcp6.Wire;

/// <summary>
/// Reads a datagram received on port 547 into a <see cref="Dhcp6Request"/>: RELAY-FORW layers unwrapped (at most
/// 32, RFC 8415's hop count limit), the client message's options checked against RFC 8415 section 16's rules for
/// its type. Any malformed input yields false and one <see cref="Dhcp6Rejection"/>; never throws.
/// </summary>
public static class Dhcp6RequestReader
{
    public const int MaxRelays = 32;

    public static bool TryRead(ReadOnlySpan<byte> datagram, out Dhcp6Request? request, out Dhcp6Rejection rejection)
    {
        request = null;
        var relays = new List<Dhcp6Relay>();
        var data = datagram;
        Dhcp6MessageReader message;
        while (true)
        {
            if (!Dhcp6MessageReader.TryRead(data, out message, out rejection))
            {
                if (relays.Count > 0 && rejection is Dhcp6Rejection.TooShort or Dhcp6Rejection.TruncatedOption) rejection = Dhcp6Rejection.BadRelay;
                return false;
            }
            if (message.Type != Dhcp6MessageType.RelayForward) break;
            if (relays.Count == MaxRelays) { rejection = Dhcp6Rejection.TooManyRelays; return false; }
            if (!Dhcp6OptionReader.TryFind(message.Options, Dhcp6OptionCode.RelayMessage, out var inner)) { rejection = Dhcp6Rejection.BadRelay; return false; }
            byte[]? interfaceId = Dhcp6OptionReader.TryFind(message.Options, Dhcp6OptionCode.InterfaceId, out var id) ? id.ToArray() : null;
            relays.Add(new Dhcp6Relay(message.HopCount, new IPAddress(message.LinkAddress), new IPAddress(message.PeerAddress), interfaceId));
            data = inner;
        }
        switch (message.Type)
        {
            case Dhcp6MessageType.Solicit or Dhcp6MessageType.Request or Dhcp6MessageType.Confirm or Dhcp6MessageType.Renew
                or Dhcp6MessageType.Rebind or Dhcp6MessageType.Release or Dhcp6MessageType.Decline or Dhcp6MessageType.InformationRequest:
                break;
            default:
                rejection = relays.Count > 0 ? Dhcp6Rejection.BadRelay : Dhcp6Rejection.NotForServer;
                return false;
        }

        byte[]? clientId = null, serverId = null;
        var ias = new List<Dhcp6IaNa>();
        var oro = new List<ushort>();
        int iaTa = 0;
        bool rapid = false;
        string? hostName = null;
        byte? fqdnFlags = null;
        var seenFqdn = false;
        var reader = new Dhcp6OptionReader(message.Options);
        while (reader.TryNext(out var code, out var value))
        {
            switch (code)
            {
                case Dhcp6OptionCode.ClientId:
                    if (value.Length is < 2 or > 130) { rejection = Dhcp6Rejection.BadIdentifiers; return false; }
                    clientId ??= value.ToArray();
                    break;
                case Dhcp6OptionCode.ServerId:
                    if (value.Length is < 2 or > 130) { rejection = Dhcp6Rejection.BadIdentifiers; return false; }
                    serverId ??= value.ToArray();
                    break;
                case Dhcp6OptionCode.IaNa:
                    if (!TryReadIaNa(value, out var ia)) { rejection = Dhcp6Rejection.BadIa; return false; }
                    ias.Add(ia!);
                    break;
                case Dhcp6OptionCode.IaTa:
                    if (value.Length < 4) { rejection = Dhcp6Rejection.BadIa; return false; }
                    iaTa++;
                    break;
                case Dhcp6OptionCode.Oro:
                    for (var i = 0; i + 1 < value.Length; i += 2) oro.Add(BinaryPrimitives.ReadUInt16BigEndian(value[i..]));
                    break;
                case Dhcp6OptionCode.RapidCommit:
                    rapid = true;
                    break;
                case Dhcp6OptionCode.ClientFqdn:
                    // dnsmasq reads the first Client FQDN option of at least one byte (the flags).
                    if (seenFqdn || value.Length < 1) break;
                    seenFqdn = true;
                    fqdnFlags = value[0];
                    hostName = FirstLabel(value);
                    break;
            }
        }

        var type = message.Type;
        var identifiersOk = type switch
        {
            Dhcp6MessageType.Solicit or Dhcp6MessageType.Confirm or Dhcp6MessageType.Rebind => clientId is not null && serverId is null,
            Dhcp6MessageType.Request or Dhcp6MessageType.Renew or Dhcp6MessageType.Release or Dhcp6MessageType.Decline => clientId is not null && serverId is not null,
            _ => true,
        };
        if (!identifiersOk) { rejection = Dhcp6Rejection.BadIdentifiers; return false; }
        request = new Dhcp6Request
        {
            Type = type,
            TransactionId = message.TransactionId,
            ClientId = clientId ?? [],
            ServerId = serverId,
            IaNa = ias,
            IaTaCount = iaTa,
            RequestedOptions = oro,
            RapidCommit = rapid,
            HostName = hostName,
            FqdnFlags = fqdnFlags,
            Relays = relays,
        };
        rejection = Dhcp6Rejection.None;
        return true;
    }

    private static bool TryReadIaNa(ReadOnlySpan<byte> value, out Dhcp6IaNa? ia)
    {
        ia = null;
        if (value.Length < 12) return false;
        var addresses = new List<Dhcp6IaAddress>();
        var nested = new Dhcp6OptionReader(value[12..]);
        while (nested.TryNext(out var code, out var sub))
        {
            if (code != Dhcp6OptionCode.IaAddr) continue;
            if (sub.Length < 24) return false;
            // The IAADDR's own options (a status code) must be whole too.
            if (Dhcp6OptionReader.Validate(sub[24..]) != Dhcp6Rejection.None) return false;
            addresses.Add(new Dhcp6IaAddress(new IPAddress(sub[..16]), BinaryPrimitives.ReadUInt32BigEndian(sub[16..]), BinaryPrimitives.ReadUInt32BigEndian(sub[20..])));
        }
        if (nested.Rejection != Dhcp6Rejection.None) return false;
        ia = new Dhcp6IaNa(BinaryPrimitives.ReadUInt32BigEndian(value), BinaryPrimitives.ReadUInt32BigEndian(value[4..]), BinaryPrimitives.ReadUInt32BigEndian(value[8..]), addresses);
        return true;
    }

    /// <summary>
    /// The host name of an RFC 4704 FQDN option (flags byte, then a DNS-encoded name, full or partial): its first
    /// label, as dnsmasq takes it (the domain part is not used: the server's own domain is). Null when there is none
    /// or it is not a legal host name (letters, digits, and '-' or '_' after the first character).
    /// </summary>
    private static string? FirstLabel(ReadOnlySpan<byte> value)
    {
        if (value.Length < 2) return null;
        int length = value[1];
        if (length == 0 || length > 63 || 2 + length > value.Length) return null;
        var label = value.Slice(2, length);
        for (var i = 0; i < label.Length; i++)
        {
            var c = (char)label[i];
            if (char.IsAsciiLetterOrDigit(c)) continue;
            if (i > 0 && c is '-' or '_') continue;
            return null;
        }
        return Encoding.ASCII.GetString(label);
    }
}
