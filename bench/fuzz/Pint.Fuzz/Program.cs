using Pint.Fuzz;

// pint-fuzz [--count N] [--seed S] [--minutes M] [--testdata DIR] [target ...]
// Fuzzes each target (all when none given) for N inputs or M minutes, whichever ends first, and prints one
// summary line per target plus every finding with its input in hex. Exit code 1 when anything was found.
var count = 1_000_000L;
var seed = 1;
TimeSpan? limit = null;
var testData = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "tests", "Pint.Engine.Tests", "TestData");
var targets = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--count": count = long.Parse(args[++i]); break;
        case "--seed": seed = int.Parse(args[++i]); break;
        case "--minutes": limit = TimeSpan.FromMinutes(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture)); break;
        case "--testdata": testData = args[++i]; break;
        case "-h" or "--help":
            Console.WriteLine($"pint-fuzz [--count N] [--seed S] [--minutes M] [--testdata DIR] [{string.Join('|', FuzzTargets.Names)} ...]");
            return 0;
        default: targets.Add(args[i]); break;
    }
}
if (targets.Count == 0) targets.AddRange(FuzzTargets.Names);

var seeds = new FuzzSeeds(Path.GetFullPath(testData));
var found = false;
foreach (var name in targets)
{
    var result = new FuzzRunner(FuzzTargets.Create(name, seeds), new FuzzSettings(count, seed, limit)).Run();
    Console.WriteLine(result.Summary());
    foreach (var finding in result.Findings) Console.WriteLine("  " + finding);
    found |= !result.Clean;
}
return found ? 1 : 0;
