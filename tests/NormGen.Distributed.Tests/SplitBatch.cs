using System;
using System.Linq;
using System.Numerics;

namespace NormGen.Distributed.Tests
{
    /// <summary>A batch of random inputs and output gradients in a layout whose outermost axis is N, and its split into
    /// per-rank slices of the given sample counts (contiguous, since N is outermost).</summary>
    internal sealed class SplitBatch
    {
        public SplitBatch(string layout, int[] extentsAfterBatch, int[] slices, int seed)
        {
            if (layout[0] != 'N')
            {
                throw new ArgumentException("The batch axis must be outermost to split the batch into contiguous slices.", nameof(layout));
            }

            Layout = layout;
            ExtentsAfterBatch = extentsAfterBatch;
            Slices = slices;
            SampleSize = extentsAfterBatch.Aggregate(1, (a, b) => a * b);
            Batch = slices.Sum();
            var random = new Random(seed);
            Input = Enumerable.Range(0, Batch * SampleSize).Select(_ => 1.5 + 2 * (random.NextDouble() - 0.3)).ToArray();
            OutputGrad = Enumerable.Range(0, Batch * SampleSize).Select(_ => random.NextDouble() - 0.4).ToArray();
        }

        public string Layout { get; }

        public int[] ExtentsAfterBatch { get; }

        public int[] Slices { get; }

        public int SampleSize { get; }

        public int Batch { get; }

        public double[] Input { get; }

        public double[] OutputGrad { get; }

        public int Ranks => Slices.Length;

        public int[] Shape(int batch) => new[] { batch }.Concat(ExtentsAfterBatch).ToArray();

        public int[] WholeShape => Shape(Batch);

        public int[] RankShape(int rank) => Shape(Slices[rank]);

        /// <summary>Element offset and length of a rank's slice.</summary>
        public (int Offset, int Length) Range(int rank) => (Slices.Take(rank).Sum() * SampleSize, Slices[rank] * SampleSize);

        public T[] Slice<T>(double[] values, int rank)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var (offset, length) = Range(rank);
            return Convert<T>(values.AsSpan(offset, length).ToArray());
        }

        public static T[] Convert<T>(double[] values)
            where T : unmanaged, IFloatingPointIeee754<T> => values.Select(T.CreateTruncating).ToArray();

        public static double[] ToDouble<T>(T[] values)
            where T : unmanaged, IFloatingPointIeee754<T> => values.Select(double.CreateTruncating).ToArray();
    }
}
