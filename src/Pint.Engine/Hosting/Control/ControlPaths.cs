namespace Pint.Engine.Hosting.Control;

/// <summary>Where the local control socket lives, so cmdlets in any session find a running service by themselves.</summary>
public static class ControlPaths
{
    /// <summary>Overrides the socket path for both the service and the cmdlets.</summary>
    public const string Variable = "PINT_CONTROL";

    public static string Default
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
            return OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Pint", "pint.sock")
                : "/run/pint/pint.sock";
        }
    }
}
