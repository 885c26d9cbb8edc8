namespace Pint.Engine.Config;

/// <summary>
/// One <c>srv-host=_service._proto.name[,target[,port[,priority[,weight]]]]</c> line. No target means
/// "service not available here" (dnsmasq answers with no SRV record but the name exists).
/// </summary>
public sealed record SrvRecord(string Name, string? Target, int Port, int Priority, int Weight, ConfigSource Source);
