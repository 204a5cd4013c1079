using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace NormGen.Benchmarks;

/// <summary>
/// One job for every row: in process, so the libtorch files prepared in this program's output folder are the ones
/// loaded, with modest counts so the whole suite stays within about twenty minutes on two cores.
/// </summary>
internal static class BenchmarkSettings
{
    public static IConfig Create(bool smoke)
    {
        Job job = smoke
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke")
            : Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(3)
                .WithIterationCount(12)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("InProcess");

        return ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .AddExporter(JsonExporter.Brief);
    }
}
