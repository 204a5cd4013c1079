using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace NormGen.Benchmarks.Generator;

/// <summary>
/// <c>--generator-loop [runs]</c>: the <see cref="GeneratorBenchmark"/>'s full run, repeated in this process without
/// BenchmarkDotNet, for figures that depend less on the machine's load than wall-clock time: the CPU time of the thread
/// that runs the generator (Linux's per-thread clock: time spent waiting for a core is not counted) and the bytes
/// allocated. Run it under <c>perf record</c> to see where the time goes. Prints the median and fastest of the runs
/// after the first half (which leaves the JIT's first tiers out), and the bytes the last run allocated.
/// </summary>
public static class GeneratorLoop
{
    public static void Run(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var benchmark = new GeneratorBenchmark();
        benchmark.Setup();
        var wall = new double[runs];
        var cpu = new double[runs];
        long allocated = 0;
        for (int i = 0; i < runs; i++)
        {
            benchmark.NewCompilation();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            double cpuStart = ThreadCpuMilliseconds();
            long start = Stopwatch.GetTimestamp();
            benchmark.FullRun();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ThreadCpuMilliseconds() - cpuStart;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0} full runs, the last {1}: thread CPU median {2:F1} ms, fastest {3:F1} ms; wall median {4:F1} ms, fastest {5:F1} ms; last run allocated {6:F2} MB",
            runs,
            runs - runs / 2,
            Median(cpu, runs / 2),
            Fastest(cpu, runs / 2),
            Median(wall, runs / 2),
            Fastest(wall, runs / 2),
            allocated / 1e6));
    }

    private static double Median(double[] values, int from)
    {
        var kept = values[from..];
        Array.Sort(kept);
        return kept.Length == 0 ? double.NaN : kept[kept.Length / 2];
    }

    private static double Fastest(double[] values, int from)
    {
        var kept = values[from..];
        return kept.Length == 0 ? double.NaN : kept.Min();
    }

    private static double ThreadCpuMilliseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
        if (clock_gettime(ThreadCpuClock, out var time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
