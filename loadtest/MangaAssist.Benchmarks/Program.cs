using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project loadtest/MangaAssist.Benchmarks -- --filter '*'
// Every class uses a short job (MangaAssist.Benchmarks.ShortJobAttribute) so the whole run stays under ten minutes.
BenchmarkSwitcher.FromAssembly(typeof(MangaAssist.Benchmarks.ShortJobAttribute).Assembly).Run(args, DefaultConfig.Instance);
