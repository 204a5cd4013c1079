using System;
using System.Linq;
using System.Numerics;
using NormGen.Distributed;
using NormGen.Tests.Harness;

namespace NormGen.Mpi.Tests
{
    /// <summary>Two synchronised training steps over this rank's slice against the same steps of one layer over the whole
    /// batch, which every rank computes for itself from the same seeded data.</summary>
    internal static class Equivalence
    {
        /// <summary>Samples of rank r: uneven, and every third rank from rank 1 on has none.</summary>
        public static int[] Slices(int ranks) => Enumerable.Range(0, ranks).Select(r => r % 3 == 1 ? 0 : 3 + r).ToArray();

        public static void Check<T>(ICollective world, Func<ISynchronizedNormalizationLayer<T>> create, string layout, int[] extentsAfterBatch)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            double relative = Tolerances.RelativeFor<T>();
            var slices = Slices(world.Size);
            int sample = extentsAfterBatch.Aggregate(1, (a, b) => a * b);
            int total = slices.Sum();
            int offset = slices.Take(world.Rank).Sum() * sample;
            int length = slices[world.Rank] * sample;
            int[] wholeShape = new[] { total }.Concat(extentsAfterBatch).ToArray();
            int[] rankShape = new[] { slices[world.Rank] }.Concat(extentsAfterBatch).ToArray();

            var whole = create();
            var layer = create();
            var random = new Random(5);
            for (int p = 0; p < (whole.Weight?.Length ?? 0); p++)
            {
                whole.Weight![p] = layer.Weight![p] = T.CreateTruncating(0.5 + random.NextDouble());
                whole.Bias![p] = layer.Bias![p] = T.CreateTruncating(random.NextDouble() - 0.5);
            }

            for (int step = 0; step < 2; step++)
            {
                var x = Enumerable.Range(0, total * sample).Select(_ => T.CreateTruncating(2 + 3 * random.NextDouble())).ToArray();
                var dy = Enumerable.Range(0, total * sample).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
                var y = new T[x.Length];
                var dx = new T[x.Length];
                whole.Forward(x, y, wholeShape);
                whole.Backward(x, dy, dx, wholeShape);

                var ys = new T[length];
                var dxs = new T[length];
                layer.ForwardSynchronized(x.AsSpan(offset, length), ys, world, rankShape);
                layer.BackwardSynchronized(x.AsSpan(offset, length), dy.AsSpan(offset, length), dxs, world, rankShape);

                Close($"output, step {step}", y.AsSpan(offset, length).ToArray(), ys, Scale(y), relative);
                Close($"input gradient, step {step}", dx.AsSpan(offset, length).ToArray(), dxs, Scale(dx), relative);
                if (layer.WeightGrad is not null)
                {
                    var summed = SumOverRanks(world, layer.WeightGrad);
                    Close($"weight gradient summed over ranks, step {step}", whole.WeightGrad!, summed, Scale(whole.WeightGrad!), relative);
                    Close($"bias gradient summed over ranks, step {step}", whole.BiasGrad!, SumOverRanks(world, layer.BiasGrad!), Scale(whole.BiasGrad!), relative);
                }

                SameOnEveryRank(world, layer.RunningMean!, "running mean");
                SameOnEveryRank(world, layer.RunningVar!, "running variance");
                Close($"running mean, step {step}", whole.RunningMean!, layer.RunningMean!, Scale(whole.RunningMean!), relative);
                Close($"running variance, step {step}", whole.RunningVar!, layer.RunningVar!, Scale(whole.RunningVar!), relative);
                if (layer.NumBatchesTracked != whole.NumBatchesTracked)
                {
                    throw new InvalidOperationException($"NumBatchesTracked {layer.NumBatchesTracked}, expected {whole.NumBatchesTracked}.");
                }
            }
        }

        /// <summary>Every rank's values, gathered, are bitwise rank 0's.</summary>
        private static void SameOnEveryRank<T>(ICollective world, T[] values, string what)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var local = values.Select(double.CreateTruncating).ToArray();
            var all = new double[local.Length * world.Size];
            world.AllGather(local, all);
            for (int r = 1; r < world.Size; r++)
            {
                for (int i = 0; i < local.Length; i++)
                {
                    if (BitConverter.DoubleToInt64Bits(all[r * local.Length + i]) != BitConverter.DoubleToInt64Bits(all[i]))
                    {
                        throw new InvalidOperationException($"{what}[{i}] differs between rank 0 ({all[i]:R}) and rank {r} ({all[r * local.Length + i]:R}).");
                    }
                }
            }
        }

        private static T[] SumOverRanks<T>(ICollective world, T[] values)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var local = values.Select(double.CreateTruncating).ToArray();
            var all = new double[local.Length * world.Size];
            world.AllGather(local, all);
            var sums = new double[local.Length];
            BatchMoments.SumRanks(all, world.Size, sums);
            return sums.Select(T.CreateTruncating).ToArray();
        }

        private static double Scale<T>(T[] values)
            where T : unmanaged, IFloatingPointIeee754<T> => values.Length == 0 ? 0 : values.Max(v => Math.Abs(double.CreateTruncating(v)));

        /// <summary>Each element within relative × max(|expected|, scale), as the numerical suite compares.</summary>
        private static void Close<T>(string what, T[] expected, T[] actual, double scale, double relative)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < expected.Length; i++)
            {
                double e = double.CreateTruncating(expected[i]);
                double a = double.CreateTruncating(actual[i]);
                if (!(Math.Abs(a - e) <= relative * Math.Max(Math.Abs(e), scale)))
                {
                    throw new InvalidOperationException($"{what}[{i}]: expected {e:R}, got {a:R} (relative tolerance {relative}, scale {scale:G4}).");
                }
            }
        }
    }
}
