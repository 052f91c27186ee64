using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/IdentityCenter.AccessModel.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(IdentityCenter.AccessModel.Benchmarks.AccessModelData).Assembly).Run(args);
