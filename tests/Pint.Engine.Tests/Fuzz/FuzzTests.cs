using Pint.Fuzz;
using Xunit;

namespace Pint.Engine.Tests.Fuzz;

/// <summary>
/// A short run of the bench/fuzz harness per parser (fixed seed, a few thousand inputs): no crash, no hang, no
/// allocation over the bound. The long runs (a million inputs each) are bench/fuzz/run.sh.
/// </summary>
public class FuzzTests
{
    private const int InputsPerParser = 3000;

    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Parser_survives_mutated_input(string target)
    {
        var seeds = new FuzzSeeds(Path.Combine(AppContext.BaseDirectory, "TestData"));
        var fuzz = FuzzTargets.Create(target, seeds);
        Assert.NotEmpty(fuzz.Seeds);

        var result = new FuzzRunner(fuzz, new FuzzSettings(InputsPerParser, Seed: 20261124)).Run();

        Assert.Equal(InputsPerParser, result.Inputs);
        Assert.True(result.Clean, $"{result.Summary()}\n{string.Join("\n", result.Findings)}");
        // The harness must actually reach past the first rejection, or the run proves nothing.
        Assert.True(result.DistinctOutcomes >= 3, $"only {result.DistinctOutcomes} distinct outcomes: {result.Summary()}");
    }
}
