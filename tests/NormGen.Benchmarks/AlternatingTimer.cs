using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace NormGen.Benchmarks;

/// <summary>
/// Times two or more calls in turns within this process (which goes first rotating each round), by the thread's CPU
/// time over batches of as many calls of each as the first takes about 20 ms for, after a warm-up. On a shared machine a change of load falls on every
/// call alike; the tools that use it (<c>--interleaved</c>, <c>--half-ab</c>) check BenchmarkDotNet's figures, they do not
/// replace them.
/// </summary>
internal static class AlternatingTimer
{
    private const long BatchNanoseconds = 20_000_000;

    /// <summary>Per call, each round's mean time per call in nanoseconds.</summary>
    public static List<double>[] Measure(IReadOnlyList<Action> calls, int rounds)
    {
        for (int warm = 0; warm < 5; warm++)
        {
            foreach (var call in calls)
            {
                call();
            }
        }

        int batch = BatchSize(calls[0]);
        var times = calls.Select(_ => new List<double>(rounds)).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int turn = 0; turn < calls.Count; turn++)
            {
                int which = (round + turn) % calls.Count;
                long start = ThreadCpu.Nanoseconds();
                for (int i = 0; i < batch; i++)
                {
                    calls[which]();
                }

                times[which].Add((ThreadCpu.Nanoseconds() - start) / (double)batch);
            }
        }

        return times;
    }

    /// <summary>The middle value (the upper middle of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static int BatchSize(Action call)
    {
        long start = ThreadCpu.Nanoseconds();
        call();
        return (int)Math.Clamp(BatchNanoseconds / Math.Max(1, ThreadCpu.Nanoseconds() - start), 1, 100_000);
    }

    /// <summary>The calling thread's CPU time (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)): time this thread ran,
    /// not the time other processes held the core.</summary>
    private static class ThreadCpu
    {
        private const int ThreadCpuTimeClock = 3;

        public static long Nanoseconds()
        {
            if (clock_gettime(ThreadCpuTimeClock, out var time) != 0)
            {
                throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; the alternating timer needs Linux.");
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
