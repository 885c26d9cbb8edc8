using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Pint.Bench.DnsResponderBenchmarks).Assembly).Run(args);
