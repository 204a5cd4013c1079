using System;
using System.Linq;
using Xunit;

namespace NormGen.Distributed.Tests
{
    /// <summary>The four halves, driven by hand with the merges of <see cref="BatchMoments"/> and no collective, give
    /// bitwise what ForwardSynchronized and BackwardSynchronized give over an in-process group.</summary>
    public sealed class HalvesTests
    {
        [Theory]
        [InlineData(new[] { 4, 0, 3 })]
        [InlineData(new[] { 2, 5 })]
        public void HalvesByHandEqualTheCollectiveSteps(int[] slices)
        {
            var batch = new SplitBatch("NHWC", new[] { 3, 3, 5 }, slices, 21);
            var byHand = slices.Select(_ => new SyncNhwcFloat()).ToArray();
            var overCollective = slices.Select(_ => new SyncNhwcFloat()).ToArray();
            int statistics = byHand[0].SynchronizedStatisticCount;
            Assert.Equal(5, statistics);

            var moments = new double[slices.Length * statistics * BatchMoments.MomentsPerStatistic];
            for (int r = 0; r < slices.Length; r++)
            {
                byHand[r].ComputeLocalMoments(batch.Slice<float>(batch.Input, r), moments.AsSpan(r * statistics * 3, statistics * 3), batch.RankShape(r));
            }

            var merged = new double[statistics * 3];
            BatchMoments.MergeRanks(moments, slices.Length, merged);
            Assert.Equal(batch.Batch * 9, merged[0]);

            var outputs = new float[slices.Length][];
            for (int r = 0; r < slices.Length; r++)
            {
                outputs[r] = new float[batch.Range(r).Length];
                byHand[r].ForwardFromMoments(batch.Slice<float>(batch.Input, r), outputs[r], merged, batch.RankShape(r));
            }

            var sums = new double[slices.Length * statistics * BatchMoments.GradientSumsPerStatistic];
            for (int r = 0; r < slices.Length; r++)
            {
                byHand[r].ComputeLocalGradientSums(batch.Slice<float>(batch.Input, r), batch.Slice<float>(batch.OutputGrad, r), sums.AsSpan(r * statistics * 2, statistics * 2), batch.RankShape(r));
            }

            var summed = new double[statistics * 2];
            BatchMoments.SumRanks(sums, slices.Length, summed);
            var grads = new float[slices.Length][];
            for (int r = 0; r < slices.Length; r++)
            {
                grads[r] = new float[batch.Range(r).Length];
                byHand[r].BackwardFromGradientSums(batch.Slice<float>(batch.Input, r), batch.Slice<float>(batch.OutputGrad, r), grads[r], summed, batch.RankShape(r));
            }

            var collectiveOutputs = new float[slices.Length][];
            var collectiveGrads = new float[slices.Length][];
            InProcessCollective.Run(slices.Length, collective =>
            {
                int r = collective.Rank;
                var layer = overCollective[r];
                collectiveOutputs[r] = new float[batch.Range(r).Length];
                collectiveGrads[r] = new float[batch.Range(r).Length];
                layer.ForwardSynchronized(batch.Slice<float>(batch.Input, r), collectiveOutputs[r], collective, batch.RankShape(r));
                layer.BackwardSynchronized(batch.Slice<float>(batch.Input, r), batch.Slice<float>(batch.OutputGrad, r), collectiveGrads[r], collective, batch.RankShape(r));
            });

            for (int r = 0; r < slices.Length; r++)
            {
                Assert.Equal(collectiveOutputs[r], outputs[r]);
                Assert.Equal(collectiveGrads[r], grads[r]);
                Assert.Equal(overCollective[r].WeightGrad, byHand[r].WeightGrad);
                Assert.Equal(overCollective[r].BiasGrad, byHand[r].BiasGrad);
                Assert.Equal(overCollective[r].RunningMean, byHand[r].RunningMean);
                Assert.Equal(overCollective[r].RunningVar, byHand[r].RunningVar);
            }
        }

        [Fact]
        public void MergedMomentsAreThoseOfTheWholeData()
        {
            var random = new Random(3);
            var values = Enumerable.Range(0, 40).Select(_ => 1000 + random.NextDouble()).ToArray();
            int[] cuts = { 0, 7, 7, 30, 40 };
            var parts = new double[(cuts.Length - 1) * 3];
            for (int p = 0; p + 1 < cuts.Length; p++)
            {
                var part = values[cuts[p]..cuts[p + 1]];
                double mean = part.Length == 0 ? 0 : part.Average();
                parts[3 * p] = part.Length;
                parts[3 * p + 1] = mean;
                parts[3 * p + 2] = part.Sum(v => (v - mean) * (v - mean));
            }

            var merged = new double[3];
            BatchMoments.MergeRanks(parts, cuts.Length - 1, merged);
            double wholeMean = values.Average();
            double wholeM2 = values.Sum(v => (v - wholeMean) * (v - wholeMean));
            Assert.Equal(40d, merged[0]);
            Assert.Equal(wholeMean, merged[1], 1e-12);
            Assert.Equal(wholeM2, merged[2], 1e-9);
        }

        [Fact]
        public void MergeRejectsPartsOfOtherLengths()
        {
            Assert.Throws<ArgumentException>(() => BatchMoments.MergeRanks(new double[7], 2, new double[3]));
            Assert.Throws<ArgumentException>(() => BatchMoments.Merge(new double[3], new double[6]));
            Assert.Throws<ArgumentException>(() => BatchMoments.SumRanks(new double[5], 2, new double[2]));
        }
    }
}
