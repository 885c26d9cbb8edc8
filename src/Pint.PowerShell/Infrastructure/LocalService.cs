using System.Net.Sockets;
using Pint.Engine.Hosting.Control;

namespace Pint.PowerShell.Infrastructure;

/// <summary>
/// A Pint service on this machine, reached through its control socket, so cmdlets in any session see the live
/// server (leases, counters, reloads) without being told where it is.
/// </summary>
internal static class LocalService
{
    /// <summary>The socket path: the one given, else $env:PINT_CONTROL, else the platform default.</summary>
    public static string SocketPath(string? given) => string.IsNullOrWhiteSpace(given) ? ControlPaths.Default : given;

    /// <summary>
    /// Calls the service. Null when no service listens there (no socket, or nothing behind it); a refusal or an
    /// error answer throws with the server's own message.
    /// </summary>
    public static T? TryCall<T>(string socketPath, string command, IReadOnlyDictionary<string, string>? arguments = null) where T : class
    {
        if (!ControlClient.IsAvailable(socketPath)) return null;
        try
        {
            return ControlClient.CallAsync<T>(socketPath, new ControlRequest(command, arguments)).GetAwaiter().GetResult();
        }
        catch (SocketException)
        {
            // A socket file left by a server that is gone: nobody to ask.
            return null;
        }
    }
}
