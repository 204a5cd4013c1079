using System;
using System.Globalization;
using System.Linq;

namespace NormGen.Benchmarks.HalfPrecision;

/// <summary>
/// <c>--half-ab [rounds]</c>: each shape's float and Half rows timed in turns (<see cref="AlternatingTimer"/>); prints
/// the medians, elements per second and their ratio.
/// </summary>
internal static class InterleavedRun
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"Interleaved A/B, {rounds} rounds a pass; load average at start: {MachineReport.LoadAverage()}");
        Console.WriteLine("| Shape | Pass | float median (ms) | Half median (ms) | float Melem/s | Half Melem/s | Half ÷ float elements/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (Type shape in typeof(InterleavedRun).Assembly.GetTypes()
                     .Where(type => type.IsSubclassOf(typeof(HalfAgainstFloatBenchmark)) && !type.IsAbstract)
                     .OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            var benchmark = (HalfAgainstFloatBenchmark)Activator.CreateInstance(shape)!;
            foreach (string pass in new[] { "forward-train", "forward-eval", "backward" })
            {
                benchmark.Allocate();
                benchmark.Training = true;
                Action floatRow, halfRow;
                if (pass == "forward-train")
                {
                    (floatRow, halfRow) = (benchmark.RunFloatForward, benchmark.RunHalfForward);
                }
                else
                {
                    benchmark.RunFloatForward();
                    benchmark.RunHalfForward();
                    if (pass == "forward-eval")
                    {
                        benchmark.Training = false;
                        (floatRow, halfRow) = (benchmark.RunFloatForward, benchmark.RunHalfForward);
                    }
                    else
                    {
                        (floatRow, halfRow) = (benchmark.RunFloatBackward, benchmark.RunHalfBackward);
                    }
                }

                var times = AlternatingTimer.Measure([floatRow, halfRow], rounds);
                double floatMs = AlternatingTimer.Median(times[0]) / 1e6, halfMs = AlternatingTimer.Median(times[1]) / 1e6;
                double floatRate = benchmark.Count / floatMs / 1e3, halfRate = benchmark.Count / halfMs / 1e3;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {shape.Name} | {pass} | {floatMs:F3} | {halfMs:F3} | {floatRate:F0} | {halfRate:F0} | {floatMs / halfMs:F2} |"));
            }
        }

        Console.WriteLine($"Load average at end: {MachineReport.LoadAverage()}");
    }
}
