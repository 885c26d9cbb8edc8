using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;

namespace Pint.Fuzz;

/// <summary>
/// Config text through the whole loader: <see cref="ConfigDocument.Parse"/> (must give the text back unchanged), the
/// line lexer, every implemented option's value parser, then the DHCP and DNS option mapping a server start does.
/// The loader never throws; <see cref="DhcpService.MapOptions"/> may throw only <see cref="PintConfigException"/>.
/// </summary>
public sealed class ConfigTarget : FuzzTarget
{
    private readonly ConfigLineMutator _mutator;
    private readonly string _emptyDirectory = Directory.CreateTempSubdirectory("pint-fuzz-").FullName;

    public ConfigTarget(FuzzSeeds seeds)
    {
        var configs = seeds.Configs();
        _mutator = new ConfigLineMutator(configs);
        var random = new Random(7);
        Seeds = [.. configs.Select(FuzzSeeds.Utf8), .. Enumerable.Range(0, 64).Select(_ => FuzzSeeds.Utf8(_mutator.OptionLine(random)))];
    }

    public override string Name => "config";
    public override IReadOnlyList<byte[]> Seeds { get; }
    public override int MaxInputLength => 8192;

    public override byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) => _mutator.Mutate(input, corpus, random);

    public override bool IsDocumented(Exception exception) => exception is PintConfigException;

    public override int Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (ConfigLineMutator.FileReadingOptions.Any(o => text.Contains(o, StringComparison.Ordinal))) return -2;

        FuzzPropertyException.Check(ConfigDocument.Parse(text, "fuzz.conf").ToText() == text, "ConfigDocument.Parse(text).ToText() == text");
        var options = new ConfigLoadOptions { ReadHostsFiles = false, AllowUnsupported = input.Length % 2 == 0, WorkingDirectory = _emptyDirectory };
        // no-hosts and no-resolv keep the DNS mapping below off /etc/hosts and /etc/resolv.conf.
        var result = ConfigLoader.LoadText("no-hosts\nno-resolv\n" + text, "fuzz.conf", options);
        foreach (var d in result.Diagnostics)
            FuzzPropertyException.Check(d.Line >= 1 && d.Message.Length > 0, "every diagnostic names a line and says what is wrong");

        var config = result.Config;
        DhcpSetup.Build(config);
        // Interfaces would make DNS mapping enumerate the machine's NICs; the fuzz is about values, not the host.
        if (config.Dns.Interfaces.Count == 0)
            _ = new DnsResponder(DnsSetup.Build(config, SystemFacts.Live, _emptyDirectory).Options!);

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        // Known option names only: a fuzzed unknown name would make every input look new.
        var first = result.Diagnostics.FirstOrDefault()?.Option is { } o && DnsmasqOptionCatalog.Find(o) is not null ? o : "";
        return HashCode.Combine(Math.Min(errors, 3), result.Diagnostics.Count - errors > 0, first);
    }
}
