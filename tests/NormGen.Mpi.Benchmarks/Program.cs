using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using NormGen;
using NormGen.Mpi;
using NormGen.Mpi.Benchmarks;

// BatchNorm2d(64) on a batch of 32 × 64 × 56 × 56 floats split evenly over the ranks: the time of a training step
// (Forward + Backward) on this rank's slice, synchronised and local, the time spent in the collective, and the bytes
// exchanged. Ranks line up before every step (an all-gather of one value, not counted), so a step's collective time
// includes waiting for the slowest rank. Medians over the measured steps; rank 0 prints every rank's.
const int Batch = 32, Channels = 64, Height = 56, Width = 56;
int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
const int Warmup = 5;

using var world = MpiCollective.Initialize();
if (Batch % world.Size != 0)
{
    Console.Error.WriteLine($"{Batch} samples do not split evenly over {world.Size} ranks.");
    return 2;
}

int slice = Batch / world.Size;
int count = slice * Channels * Height * Width;
var random = new Random(world.Rank + 1);
var x = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 + 1)).ToArray();
var dy = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
var y = new float[count];
var dx = new float[count];
var timed = new TimedCollective(world);
var synchronised = new StemNorm(Channels);
var local = new StemNorm(Channels);
var line = new double[1];
var lined = new double[world.Size];

double[] syncStep = new double[steps], syncCollective = new double[steps], localStep = new double[steps];
long sent = 0, received = 0;
for (int i = -Warmup; i < steps; i++)
{
    world.AllGather(line, lined);
    timed.Reset();
    long start = Stopwatch.GetTimestamp();
    synchronised.ForwardSynchronized(x, y, timed, slice, Height, Width);
    synchronised.BackwardSynchronized(x, dy, dx, timed, slice, Height, Width);
    long syncTicks = Stopwatch.GetTimestamp() - start;

    world.AllGather(line, lined);
    start = Stopwatch.GetTimestamp();
    local.Forward(x, y, slice, Height, Width);
    local.Backward(x, dy, dx, slice, Height, Width);
    long localTicks = Stopwatch.GetTimestamp() - start;
    if (i >= 0)
    {
        syncStep[i] = Milliseconds(syncTicks);
        syncCollective[i] = Milliseconds(timed.Ticks);
        localStep[i] = Milliseconds(localTicks);
        sent = timed.BytesSent;
        received = timed.BytesReceived;
    }
}

// One row per rank: medians of the synchronised step, its collective, the rest (the layer), and the local step.
var mine = new[] { Median(syncStep), Median(syncCollective), Median(syncStep.Zip(syncCollective, (s, c) => s - c).ToArray()), Median(localStep), sent, received };
var all = new double[mine.Length * world.Size];
world.AllGather(mine, all);
if (world.Rank == 0)
{
    Console.WriteLine($"BatchNorm2d(64), batch {Batch} x 64 x 56 x 56 float over {world.Size} ranks ({slice} samples each), {steps} steps; medians in ms");
    Console.WriteLine("rank | synchronised step | collective | layer (step - collective) | local step | overhead | bytes sent/step | bytes received/step");
    for (int r = 0; r < world.Size; r++)
    {
        var row = all.AsSpan(r * mine.Length, mine.Length);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} | {1:F2} | {2:F2} | {3:F2} | {4:F2} | {5:F2}x | {6} | {7}", r, row[0], row[1], row[2], row[3], row[0] / row[3], row[4], row[5]));
    }
}

return 0;

static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

static double Median(double[] values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

/// <summary>BatchNorm2d with the channel count given at construction, as the sample and most users declare it.</summary>
[Normalize(Axes = "N,H,W")]
public partial class StemNorm { }
