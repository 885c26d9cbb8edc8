namespace Pint.Engine.Config;

/// <summary>What a <c>server=</c> or <c>local=</c> line asks for.</summary>
public enum DnsServerKind
{
    /// <summary>Forward to the given upstream address (for all names, or for the listed domains).</summary>
    Upstream,
    /// <summary><c>/domain/</c> with no address: answer only from local data, never forward.</summary>
    LocalOnly,
    /// <summary><c>/domain/#</c>: forward these domains to the ordinary (unrestricted) servers.</summary>
    UseStandardServers,
}
