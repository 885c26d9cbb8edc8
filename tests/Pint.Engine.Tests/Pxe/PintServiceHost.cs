using System.Diagnostics;

namespace Pint.Engine.Tests.Pxe;

/// <summary>Finds the service host (`pint`, src/Pint.Service) built with the same configuration as the tests, building it if needed.</summary>
internal static class PintServiceHost
{
    private static readonly Lazy<string> Built = new(Find);

    /// <summary>Full path of pint.dll, to run with `dotnet pint.dll -C conf`.</summary>
    public static string Path() => Built.Value;

    private static string Find()
    {
        // tests/Pint.Engine.Tests/bin/<Configuration>/<tfm>/
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var tfm = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var repo = testDir;
        while (repo is not null && !File.Exists(System.IO.Path.Combine(repo.FullName, "Pint.sln")))
            repo = repo.Parent;
        if (repo is null)
            throw new InvalidOperationException($"Pint.sln not found above {AppContext.BaseDirectory}");
        var project = System.IO.Path.Combine(repo.FullName, "src", "Pint.Service");
        var dll = System.IO.Path.Combine(project, "bin", configuration, tfm, "pint.dll");
        if (File.Exists(dll))
            return dll;
        using var build = Process.Start(PxeTestTools.Require("dotnet"), ["build", project, "-c", configuration, "--nologo", "-v", "quiet"])!;
        build.WaitForExit();
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"building {project} did not produce {dll}");
    }
}
