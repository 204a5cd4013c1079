using System;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Distributed.Tests
{
    /// <summary>
    /// Two training steps of a layer over a batch split across in-process ranks, against the same steps of one layer
    /// over the whole batch and of the double-precision reference: outputs and input gradients (the slices put
    /// together), parameter gradients (summed over the ranks, as a data-parallel all-reduce would), running statistics
    /// (bitwise the same on every rank).
    /// </summary>
    internal static class Equivalence
    {
        public static void Check<T>(Func<ISynchronizedNormalizationLayer<T>> create, NormSpec spec, SplitBatch batch)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            double relative = Tolerances.RelativeFor<T>();
            var whole = create();
            int parameters = whole.Weight?.Length ?? 0;
            int running = whole.RunningMean?.Length ?? 0;
            var reference = new ReferenceLayer(spec, parameters, running);
            var random = new Random(17);
            var weight = Enumerable.Range(0, parameters).Select(_ => 0.5 + random.NextDouble()).ToArray();
            var bias = Enumerable.Range(0, parameters).Select(_ => random.NextDouble() - 0.5).ToArray();
            Initialise(whole, weight, bias);
            if (reference.Weight is not null && reference.Bias is not null)
            {
                weight.CopyTo(reference.Weight, 0);
                bias.CopyTo(reference.Bias, 0);
            }

            var ranks = Enumerable.Range(0, batch.Ranks).Select(_ => create()).ToArray();
            foreach (var layer in ranks)
            {
                Initialise(layer, weight, bias);
            }

            for (int step = 0; step < 2; step++)
            {
                // The second step sees other values: the running statistics and gradients accumulate over both.
                var x = batch.Input.Select(v => v + step * 0.25).ToArray();
                var dy = batch.OutputGrad.Select(v => v * (1 + step)).ToArray();
                var expected = reference.Forward(new LayoutShape(batch.Layout, batch.WholeShape), x);
                var expectedGrad = reference.Backward(dy);

                var wholeOutput = new T[x.Length];
                var wholeGrad = new T[x.Length];
                var wholeInput = SplitBatch.Convert<T>(x);
                whole.Forward(wholeInput, wholeOutput, batch.WholeShape);
                whole.Backward(wholeInput, SplitBatch.Convert<T>(dy), wholeGrad, batch.WholeShape);

                var output = new double[x.Length];
                var inputGrad = new double[x.Length];
                InProcessCollective.Run(batch.Ranks, collective =>
                {
                    int r = collective.Rank;
                    var layer = ranks[r];
                    var xs = batch.Slice<T>(x, r);
                    var dys = batch.Slice<T>(dy, r);
                    var ys = new T[xs.Length];
                    var dxs = new T[xs.Length];
                    layer.ForwardSynchronized(xs, ys, collective, batch.RankShape(r));
                    layer.BackwardSynchronized(xs, dys, dxs, collective, batch.RankShape(r));
                    var (offset, _) = batch.Range(r);
                    SplitBatch.ToDouble(ys).CopyTo(output, offset);
                    SplitBatch.ToDouble(dxs).CopyTo(inputGrad, offset);
                });

                string at = $"step {step}, slices [{string.Join(", ", batch.Slices)}]";
                NumericAssert.Close($"output against the reference ({at})", expected, output, relative);
                NumericAssert.Close($"output against one layer on the whole batch ({at})", SplitBatch.ToDouble(wholeOutput), output, relative);
                NumericAssert.Close($"input gradient against the reference ({at})", expectedGrad, inputGrad, relative, reference.LastInputTermScale);
                NumericAssert.Close($"input gradient against one layer on the whole batch ({at})", SplitBatch.ToDouble(wholeGrad), inputGrad, relative, reference.LastInputTermScale);
                if (reference.WeightGrad is not null && reference.BiasGrad is not null)
                {
                    NumericAssert.Close($"weight gradient summed over ranks ({at})", reference.WeightGrad, SumOverRanks(ranks, l => l.WeightGrad!), relative);
                    NumericAssert.Close($"bias gradient summed over ranks ({at})", reference.BiasGrad, SumOverRanks(ranks, l => l.BiasGrad!), relative);
                    NumericAssert.Close($"weight gradient against one layer ({at})", SplitBatch.ToDouble(whole.WeightGrad!), SumOverRanks(ranks, l => l.WeightGrad!), relative);
                }

                if (reference.RunningMean is not null && reference.RunningVar is not null)
                {
                    foreach (var layer in ranks)
                    {
                        Assert.Equal(ranks[0].RunningMean, layer.RunningMean);
                        Assert.Equal(ranks[0].RunningVar, layer.RunningVar);
                        Assert.Equal(reference.NumBatchesTracked, layer.NumBatchesTracked);
                    }

                    NumericAssert.Close($"running mean ({at})", reference.RunningMean, SplitBatch.ToDouble(ranks[0].RunningMean!), relative);
                    NumericAssert.Close($"running variance ({at})", reference.RunningVar, SplitBatch.ToDouble(ranks[0].RunningVar!), relative);
                    NumericAssert.Close($"running variance against one layer ({at})", SplitBatch.ToDouble(whole.RunningVar!), SplitBatch.ToDouble(ranks[0].RunningVar!), relative);
                }
            }
        }

        private static void Initialise<T>(ISynchronizedNormalizationLayer<T> layer, double[] weight, double[] bias)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (layer.Weight is not null && layer.Bias is not null)
            {
                SplitBatch.Convert<T>(weight).CopyTo(layer.Weight, 0);
                SplitBatch.Convert<T>(bias).CopyTo(layer.Bias, 0);
            }
        }

        private static double[] SumOverRanks<T>(ISynchronizedNormalizationLayer<T>[] ranks, Func<ISynchronizedNormalizationLayer<T>, T[]> gradient)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var total = new double[gradient(ranks[0]).Length];
            foreach (var layer in ranks)
            {
                var values = gradient(layer);
                for (int i = 0; i < total.Length; i++)
                {
                    total[i] += double.CreateTruncating(values[i]);
                }
            }

            return total;
        }
    }
}
