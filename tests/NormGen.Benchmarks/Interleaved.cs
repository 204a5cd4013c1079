using System;
using System.Globalization;
using System.Linq;

namespace NormGen.Benchmarks;

/// <summary>
/// <c>--interleaved [rounds] [shape]</c>: each (or only the one whose fixed class name starts with <c>shape</c>) <c>*LargeConstructed</c> shape against the fixed shape it derives from, both in
/// this process, taking turns (<see cref="AlternatingTimer"/>). On a
/// machine whose runs move a row by more than the difference between the two layers (docs/benchmarks.md, "Channel count
/// at construction"), turns within one process on the same arrays compare the pair under the same conditions (where an
/// array lands in memory alone moves a row by up to a fifth); BenchmarkDotNet gives each row on its own.
/// </summary>
internal static class Interleaved
{
    private static readonly (string Row, Action<NormalizationBenchmark> Setup, Action<NormalizationBenchmark> Call)[] Rows =
    [
        ("forward-train", b => b.SetupTraining(), b => b.NormGenForwardTrain()),
        ("forward-eval", b => b.SetupEval(), b => b.NormGenForwardEval()),
        ("backward", b => b.SetupBackward(), b => b.NormGenBackward()),
    ];

    public static void Run(int rounds, string? shape)
    {
        Console.WriteLine($"Interleaved, {rounds} rounds, thread CPU time per call; load average at start {MachineReport.LoadAverage()}");
        Console.WriteLine("| Shape | row | fixed (lowest) | constructed (lowest) | ratio of lowest | ratio of medians |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var constructedType in typeof(Interleaved).Assembly.GetTypes()
                     .Where(type => !type.IsAbstract && type.Name.EndsWith("LargeConstructed", StringComparison.Ordinal))
                     .Where(type => shape is null || type.BaseType!.Name.StartsWith(shape, StringComparison.Ordinal))
                     .OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            foreach (var (row, setup, call) in Rows)
            {
                var pair = new[] { (NormalizationBenchmark)Activator.CreateInstance(constructedType.BaseType!)!, (NormalizationBenchmark)Activator.CreateInstance(constructedType)! };
                try
                {
                    foreach (var benchmark in pair)
                    {
                        setup(benchmark);
                    }

                    pair[1].UseTensorsOf(pair[0]);

                    var times = AlternatingTimer.Measure([() => call(pair[0]), () => call(pair[1])], rounds);
                    double lowest = times[1].Min() / times[0].Min();
                    double medians = AlternatingTimer.Median(times[1]) / AlternatingTimer.Median(times[0]);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3} | {4:F2} | {5:F2} |", constructedType.BaseType!.Name, row, Format(times[0].Min()), Format(times[1].Min()), lowest, medians));
                }
                finally
                {
                    foreach (var benchmark in pair)
                    {
                        benchmark.Cleanup();
                    }
                }
            }
        }

        Console.WriteLine($"Load average at end: {MachineReport.LoadAverage()}");
    }

    private static string Format(double nanoseconds) =>
        nanoseconds >= 1e6 ? (nanoseconds / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms" : (nanoseconds / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " µs";
}
