using System.Buffers.Binary;
using System.Text;
using Pint.Engine.Dhcp.Options;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Builds OFFER/ACK/NAK packets with options in the order dnsmasq 2.90 sends them (seen in real captures):
/// 53, 54, 51, 67 (boot file, when asked for), 58, 59, 1, 28, 6, 15, 12, then configured options in config order,
/// then the default router. Netmask and broadcast always go out; other options only when the client asked for
/// them in option 55 (or sent no option 55), unless forced.
/// </summary>
internal sealed class DhcpReplyBuilder(DhcpServerOptions options)
{
    private const int MinimumReplySize = 576;
    private const int MaximumReplySize = 1500;
    private const int IpAndUdpHeaders = 28;

    public byte[] Build(DhcpClient client, DhcpMessageType type, uint yourAddress, TimeSpan? leaseTime, string? hostName, string? message = null,
        bool rapidCommit = false)
    {
        var request = client.Request;
        var size = request.MaximumMessageSize > 0
            ? Math.Clamp(request.MaximumMessageSize - IpAndUdpHeaders, MinimumReplySize, MaximumReplySize)
            : MinimumReplySize;
        Span<byte> buffer = stackalloc byte[size];
        var writer = new DhcpPacketWriter(buffer);
        writer.WriteHeader(reply: true, request.HardwareType, request.ClientHardwareAddress, 0, request.TransactionId, 0, request.Flags);

        var server = client.Context.AddressValue;
        if (type == DhcpMessageType.Nak)
        {
            writer.WriteAddresses(0, 0, 0, request.RelayAddress);
            writer.TryWriteOption(DhcpOptionCode.MessageType, (byte)type);
            writer.TryWriteOption(DhcpOptionCode.ServerIdentifier, server);
            if (message is not null) writer.TryWriteOption(DhcpOptionCode.Message, Encoding.UTF8.GetBytes(message));
            return buffer[..writer.Finish()].ToArray();
        }

        var boot = ChooseBoot(client);
        var clientAddress = type == DhcpMessageType.Ack ? request.ClientAddress : 0;
        writer.WriteAddresses(clientAddress, yourAddress, boot?.ServerAddress is { } next ? Ipv4.ToValue(next) : server, request.RelayAddress);
        if (boot?.ServerName is { } serverName) writer.WriteServerName(serverName);
        var bootFileAsOption = boot is not null && IsRequested(request, DhcpOptionCode.BootFileName);
        if (boot is not null && !bootFileAsOption) writer.WriteBootFileName(boot.File);

        writer.TryWriteOption(DhcpOptionCode.MessageType, (byte)type);
        writer.TryWriteOption(DhcpOptionCode.ServerIdentifier, server);
        if (rapidCommit) writer.TryWriteOption(DhcpOptionCode.RapidCommit, ReadOnlySpan<byte>.Empty);
        if (leaseTime is { } time)
        {
            var infinite = time == Timeout.InfiniteTimeSpan;
            writer.TryWriteOption(DhcpOptionCode.LeaseTime, infinite ? uint.MaxValue : (uint)time.TotalSeconds);
            if (bootFileAsOption) writer.TryWriteOption(DhcpOptionCode.BootFileName, Encoding.UTF8.GetBytes(boot!.File + "\0"));
            if (!infinite)
            {
                writer.TryWriteOption(DhcpOptionCode.RenewalTime, (uint)(time.TotalSeconds / 2));
                writer.TryWriteOption(DhcpOptionCode.RebindingTime, (uint)(time.TotalSeconds * 7 / 8));
            }
        }
        else if (bootFileAsOption)
        {
            writer.TryWriteOption(DhcpOptionCode.BootFileName, Encoding.UTF8.GetBytes(boot!.File + "\0"));
        }

        var configured = ChooseOptions(client);
        var range = client.RangeFor(yourAddress != 0 ? yourAddress : request.ClientAddress);
        var mask = range is not null ? client.MaskOf(range) : client.Context.Mask;
        var onNetwork = yourAddress != 0 ? yourAddress : request.ClientAddress != 0 ? request.ClientAddress : client.NetworkAddress;
        var broadcast = range?.Broadcast is { } b ? Ipv4.ToValue(b) : onNetwork | ~mask;

        SubstituteServerAddress(configured, server);
        WriteDefault(ref writer, configured, DhcpOptionCode.SubnetMask, mask, always: true);
        WriteDefault(ref writer, configured, DhcpOptionCode.BroadcastAddress, broadcast, always: true);
        if (options.DnsEnabled) WriteDefault(ref writer, configured, DhcpOptionCode.DnsServer, server, always: false, request);
        if (options.Domain is { } domain && !configured.ContainsKey(DhcpOptionCode.DomainName) && IsRequested(request, DhcpOptionCode.DomainName))
            writer.TryWriteOption(DhcpOptionCode.DomainName, Encoding.UTF8.GetBytes(domain));
        if (hostName is not null && IsRequested(request, DhcpOptionCode.HostName) && !configured.ContainsKey(DhcpOptionCode.HostName))
            writer.TryWriteOption(DhcpOptionCode.HostName, Encoding.UTF8.GetBytes(hostName));
        foreach (var (code, setting) in configured)
        {
            if (code is DhcpOptionCode.SubnetMask or DhcpOptionCode.BroadcastAddress) continue;
            if (code == DhcpOptionCode.HostName && hostName is not null && setting.Value.Length > 0) continue;
            if (setting.Value.Length == 0 && SuppressedWhenEmpty(code)) continue;
            if (setting.Force || IsRequested(request, code)) writer.TryWriteOption(code, setting.Value);
        }
        if (!_encapsulated.IsEmpty)
            _encapsulated.Write(ref writer, client, code => IsRequested(request, code), configured.ContainsKey);
        // The router default (ourselves) only makes sense on our own link.
        if (!client.IsRelayed) WriteDefault(ref writer, configured, DhcpOptionCode.Router, server, always: false, request);
        return buffer[..writer.Finish()].ToArray();
    }

    private static void WriteDefault(ref DhcpPacketWriter writer, Dictionary<byte, DhcpOptionSetting> configured, byte code, uint value, bool always, DhcpRequest? request = null)
    {
        if (always && configured.Remove(code, out var setting))
        {
            if (setting.Value.Length > 0) writer.TryWriteOption(code, setting.Value);
            return;
        }
        if (configured.ContainsKey(code) || (!always && !IsRequested(request!, code))) return;
        writer.TryWriteOption(code, value);
    }

    /// <summary>
    /// An option with no data that dnsmasq would otherwise fill in by default means "do not send it" (man page: netmask,
    /// broadcast, router, DNS server, domain name, host name).
    /// </summary>
    private static bool SuppressedWhenEmpty(byte code) =>
        code is DhcpOptionCode.SubnetMask or DhcpOptionCode.BroadcastAddress or DhcpOptionCode.Router
            or DhcpOptionCode.DnsServer or DhcpOptionCode.DomainName or DhcpOptionCode.HostName;

    /// <summary>In address options, 0.0.0.0 means "the address of this server" (on the interface the request came in on).</summary>
    private static void SubstituteServerAddress(Dictionary<byte, DhcpOptionSetting> configured, uint server)
    {
        List<(byte, DhcpOptionSetting)>? changed = null;
        foreach (var (code, setting) in configured)
        {
            var value = setting.Value;
            if (DhcpOptionTypes.KindOf(code) != DhcpOptionKind.AddressList || value.Length % 4 != 0) continue;
            byte[]? copy = null;
            for (var i = 0; i < value.Length; i += 4)
            {
                if (BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(i)) != 0) continue;
                copy ??= (byte[])value.Clone();
                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(i), server);
            }
            if (copy is not null) (changed ??= []).Add((code, setting with { Value = copy }));
        }
        foreach (var (code, setting) in changed ?? []) configured[code] = setting;
    }

    private static bool IsRequested(DhcpRequest request, byte code) =>
        !request.HasParameterRequestList || request.ParameterRequestList.Contains(code);

    /// <summary>Per option code, the setting for this client: a tagged setting it satisfies wins over an untagged one.</summary>
    private Dictionary<byte, DhcpOptionSetting> ChooseOptions(DhcpClient client)
    {
        var chosen = new Dictionary<byte, DhcpOptionSetting>();
        foreach (var setting in options.Options)
        {
            if (!client.Tags.Satisfies(setting.RequiredTags)) continue;
            var tagged = setting.RequiredTags is { Count: > 0 };
            if (!chosen.TryGetValue(setting.Code, out var current) || (tagged && current.RequiredTags is not { Count: > 0 }))
                chosen[setting.Code] = setting;
        }
        if (chosen.Count <= 1) return chosen;
        // Keep config order of first appearance for the wire.
        var inOrder = new Dictionary<byte, DhcpOptionSetting>(chosen.Count);
        foreach (var code in _configOrder)
            if (chosen.TryGetValue(code, out var setting)) inOrder[code] = setting;
        return inOrder;
    }

    private readonly EncapsulatedOptionWriter _encapsulated = new(options.EncapsulatedOptions);

    // Option codes in the order they first appear in the config; the same for every reply, so worked out once.
    private readonly byte[] _configOrder = options.Options.Select(o => o.Code).Distinct().ToArray();

    private DhcpBoot? ChooseBoot(DhcpClient client) =>
        options.Boots.FirstOrDefault(b => b.RequiredTags is { Count: > 0 } && client.Tags.Satisfies(b.RequiredTags))
        ?? options.Boots.FirstOrDefault(b => b.RequiredTags is not { Count: > 0 });
}
