using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>pxe-service=[tag:x,]CSA,menu text[,basename|bootservicetype][,server address|server name]</c> line.
/// <see cref="BootServiceType"/> is set when the third field is a number (0 = local boot), otherwise
/// <see cref="BaseName"/>.
/// </summary>
public sealed record PxeService(
    string ClientSystemArchitecture,
    string MenuText,
    string? BaseName,
    int? BootServiceType,
    IPAddress? ServerAddress,
    string? ServerName,
    IReadOnlyList<string> Tags,
    ConfigSource Source);
