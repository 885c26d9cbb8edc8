namespace Pint.Engine.Hosting;

/// <summary>The engine's version as the cmdlets and the service report it.</summary>
public static class PintVersion
{
    public static string Current => typeof(PintVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
