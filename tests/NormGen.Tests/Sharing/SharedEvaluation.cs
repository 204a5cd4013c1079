using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using NormGen.Tests.Harness;

namespace NormGen.Tests.Sharing
{
    /// <summary>
    /// One layer instance in eval mode shared by several threads: each thread normalises its own inputs (of its own
    /// shapes) over and over and compares every output bit for bit with what a single-threaded call gave for that input
    /// beforehand. Counts the output elements that differ.
    /// </summary>
    public static class SharedEvaluation
    {
        /// <summary>Trains the layer for two steps (so running statistics are not at their initial values), switches it
        /// to eval mode, and runs <paramref name="threads"/> threads of <paramref name="rounds"/> rounds over
        /// <paramref name="shapesPerThread"/> inputs each; returns (wrong output elements, output elements checked).</summary>
        public static (long Wrong, long Checked) Run<T>(DeclaredLayer declared, int threads, int rounds, Func<int, int[]> shapeOf, int shapesPerThread, int maxDegreeOfParallelism = 1)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var harness = new LayerHarness<T>(declared, shapeOf(0), seed: 21);
            var layer = harness.Layer;
            harness.RandomizeParameters();
            for (int step = 0; step < 2; step++)
            {
                var x = LayerHarness<T>.ToElements(harness.RandomInput());
                layer.Forward(x, new T[x.Length], harness.Shape.Extents);
            }

            layer.Training = false;
            SetThreads(layer, maxDegreeOfParallelism);

            var work = new List<(T[] Input, int[] Shape, T[] Expected)>[threads];
            for (int t = 0; t < threads; t++)
            {
                work[t] = new List<(T[], int[], T[])>();
                for (int k = 0; k < shapesPerThread; k++)
                {
                    int[] shape = shapeOf((t * shapesPerThread) + k);
                    int count = shape.Aggregate(1, (a, b) => a * b);
                    var input = LayerHarness<T>.ToElements(harness.RandomValues(count, 0.5, 2));
                    var expected = new T[count];
                    layer.Forward(input, expected, shape);
                    work[t].Add((input, shape, expected));
                }
            }

            long wrong = 0, checkedElements = 0;
            using var start = new Barrier(threads);
            var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
                () =>
                {
                    var outputs = work[t].Select(item => new T[item.Expected.Length]).ToArray();
                    start.SignalAndWait();
                    long localWrong = 0, localChecked = 0;
                    for (int round = 0; round < rounds; round++)
                    {
                        for (int k = 0; k < outputs.Length; k++)
                        {
                            var (input, shape, expected) = work[t][k];
                            layer.Forward(input, outputs[k], shape);
                            localWrong += CountDifferent(expected, outputs[k]);
                            localChecked += expected.Length;
                        }
                    }

                    Interlocked.Add(ref wrong, localWrong);
                    Interlocked.Add(ref checkedElements, localChecked);
                },
                TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(tasks);
            return (wrong, checkedElements);
        }

        /// <summary>Elements whose bits differ (so a NaN equals only the same NaN).</summary>
        public static int CountDifferent<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual)
            where T : unmanaged
        {
            var e = MemoryMarshal.AsBytes(expected);
            var a = MemoryMarshal.AsBytes(actual);
            int size = e.Length / expected.Length;
            int different = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                if (!e.Slice(i * size, size).SequenceEqual(a.Slice(i * size, size)))
                {
                    different++;
                }
            }

            return different;
        }

        private static void SetThreads(object layer, int threads)
        {
            if (threads == 1)
            {
                return;
            }

            var property = layer.GetType().GetProperty("MaxDegreeOfParallelism")
                ?? throw new InvalidOperationException($"{layer.GetType().Name} has no MaxDegreeOfParallelism.");
            property.SetValue(layer, threads);
        }
    }
}
