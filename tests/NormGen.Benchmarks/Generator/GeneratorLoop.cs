using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using System.Runtime.InteropServices;

namespace NormGen.Benchmarks.Generator;

/// <summary>
/// <c>--generator-loop [runs]</c>: the <see cref="GeneratorBenchmark"/>'s full run, repeated in this process without
/// BenchmarkDotNet, for figures that depend less on the machine's load than wall-clock time: the CPU time of the thread
/// that runs the generator (Linux's per-thread clock: time spent waiting for a core is not counted) and the bytes
/// allocated. Run it under <c>perf record</c> to see where the time goes. Prints the median and fastest of the runs
/// after the first half (which leaves the JIT's first tiers out), and the bytes the last run allocated.
/// <c>--generator-loop [runs] [other NormGen.Generator.dll]</c> loads another build of the generator beside this one and
/// alternates the two run by run, so that both see the same load; it prints both and the ratio of their medians.
/// </summary>
public static class GeneratorLoop
{
    public static void Run(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        if (args.Length > 2)
        {
            Alternate(runs, args[2]);
            return;
        }

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

    /// <summary>This build's generator and the one at <paramref name="otherPath"/>, <paramref name="runs"/> full runs
    /// each, taking turns.</summary>
    private static void Alternate(int runs, string otherPath)
    {
        var context = new AssemblyLoadContext("other generator");
        var other = context.LoadFromAssemblyPath(Path.GetFullPath(otherPath)).GetType("NormGen.Generator.NormalizeGenerator")
            ?? throw new ArgumentException($"{otherPath} holds no NormGen.Generator.NormalizeGenerator.", nameof(otherPath));
        var benchmarks = new[]
        {
            new GeneratorBenchmark(),
            new GeneratorBenchmark { Generator = (IIncrementalGenerator)Activator.CreateInstance(other)! },
        };
        foreach (var benchmark in benchmarks)
        {
            benchmark.Setup();
        }

        var cpu = new[] { new double[runs], new double[runs] };
        var allocated = new long[2];
        for (int i = 0; i < runs; i++)
        {
            for (int side = 0; side < 2; side++)
            {
                // Which build goes first alternates too.
                int b = (i + side) % 2;
                benchmarks[b].NewCompilation();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                double start = ThreadCpuMilliseconds();
                benchmarks[b].FullRun();
                cpu[b][i] = ThreadCpuMilliseconds() - start;
                allocated[b] = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
        }

        double mine = Median(cpu[0], runs / 2), theirs = Median(cpu[1], runs / 2);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0} full runs each, alternating, the last {1}: thread CPU median this build {2:F2} ms, {3} {4:F2} ms, ratio {5:F3}; fastest {6:F2} / {7:F2} ms; allocated {8:F2} / {9:F2} MB",
            runs,
            runs - runs / 2,
            mine,
            otherPath,
            theirs,
            mine / theirs,
            Fastest(cpu[0], runs / 2),
            Fastest(cpu[1], runs / 2),
            allocated[0] / 1e6,
            allocated[1] / 1e6));
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
