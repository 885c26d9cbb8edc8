using Pint.Soak;

namespace Pint.Engine.Tests.Pxe;

/// <summary>The service host (`pint`, src/Pint.Service), built with the tests (a project reference of the test project).</summary>
internal static class PintServiceHost
{
    /// <summary>Full path of pint.dll, to run with `dotnet pint.dll -C conf`.</summary>
    public static string Path() => PintServiceProcess.Locate(AppContext.BaseDirectory);
}
