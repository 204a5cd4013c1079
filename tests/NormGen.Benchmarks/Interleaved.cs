using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace NormGen.Benchmarks;

/// <summary>
/// <c>--interleaved [rounds] [shape]</c>: each (or only the one whose fixed class name starts with <c>shape</c>) <c>*LargeConstructed</c> shape against the fixed shape it derives from, both in
/// this process, taking turns (which goes first alternating) after a warm-up, timed by the thread's CPU time. On a
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

                    var times = Measure(pair, call, rounds);
                    double lowest = times[1].Min() / times[0].Min();
                    double medians = Median(times[1]) / Median(times[0]);
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

    /// <summary>Per round, each layer's mean time per call over a batch of calls lasting about 20 ms.</summary>
    private static List<double>[] Measure(NormalizationBenchmark[] pair, Action<NormalizationBenchmark> call, int rounds)
    {
        for (int warm = 0; warm < 5; warm++)
        {
            call(pair[0]);
            call(pair[1]);
        }

        long single = ThreadCpu.Nanoseconds();
        call(pair[0]);
        int calls = (int)Math.Clamp(20_000_000 / Math.Max(1, ThreadCpu.Nanoseconds() - single), 1, 100_000);
        var times = new[] { new List<double>(), new List<double>() };
        for (int round = 0; round < rounds; round++)
        {
            for (int turn = 0; turn < 2; turn++)
            {
                int which = (round + turn) % 2;
                long start = ThreadCpu.Nanoseconds();
                for (int i = 0; i < calls; i++)
                {
                    call(pair[which]);
                }

                times[which].Add((ThreadCpu.Nanoseconds() - start) / (double)calls);
            }
        }

        return times;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Format(double nanoseconds) =>
        nanoseconds >= 1e6 ? (nanoseconds / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms" : (nanoseconds / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " µs";

    /// <summary>The calling thread's CPU time (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)): time this thread ran,
    /// not the time other processes held the core.</summary>
    private static class ThreadCpu
    {
        private const int ThreadCpuTimeClock = 3;

        public static long Nanoseconds()
        {
            if (clock_gettime(ThreadCpuTimeClock, out var time) != 0)
            {
                throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; --interleaved needs Linux.");
            }

            return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int clock_gettime(int clock, out Timespec time);

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
