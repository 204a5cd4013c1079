using System;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.ReferenceTests
{
    /// <summary>The reference forward pass on cases small enough to compute by hand (epsilon 0 where it keeps them exact).</summary>
    [Trait("Category", "Numerics")]
    public sealed class ReferenceForwardHandTests
    {
        private const double Exact = 1e-15;

        private static NormSpec Spec(string layout, string axes, int groups = 0, double epsilon = 0, bool affine = true) =>
            new(layout, axes, groups, epsilon, 0.1, false, affine, false);

        [Fact]
        public void BatchNorm_over_N_normalises_each_channel()
        {
            // x[n][c] = {{1, 2}, {3, 6}}: channel 0 {1, 3} mean 2 var 1; channel 1 {2, 6} mean 4 var 4.
            var result = ReferenceNorm.Forward(Spec("NC", "N"), new LayoutShape("NC", [2, 2]), [1, 2, 3, 6], null, null);

            NumericAssert.Close("mean", [2, 4], result.Mean, Exact);
            NumericAssert.Close("var", [1, 4], result.Variance, Exact);
            NumericAssert.Close("y", [-1, -1, 1, 1], result.Output, Exact);
        }

        [Fact]
        public void LayerNorm_over_C_normalises_each_row()
        {
            // Row 0 {1, 2}: mean 1.5, var 0.25. Row 1 {3, 6}: mean 4.5, var 2.25.
            var result = ReferenceNorm.Forward(Spec("NC", "C"), new LayoutShape("NC", [2, 2]), [1, 2, 3, 6], null, null);

            NumericAssert.Close("mean", [1.5, 4.5], result.Mean, Exact);
            NumericAssert.Close("var", [0.25, 2.25], result.Variance, Exact);
            NumericAssert.Close("y", [-1, 1, -1, 1], result.Output, Exact);
        }

        [Fact]
        public void Per_channel_affine_scales_and_shifts_each_channel()
        {
            // xhat = {{-1, -1}, {1, 1}}; y = xhat * {2, 3} + {10, 20}.
            var result = ReferenceNorm.Forward(Spec("NC", "N"), new LayoutShape("NC", [2, 2]), [1, 2, 3, 6], [2, 3], [10, 20]);

            NumericAssert.Close("y", [8, 17, 12, 23], result.Output, Exact);
        }

        [Fact]
        public void Elementwise_affine_indexes_the_reduced_axes()
        {
            // One row {1, 2}: xhat {-1, 1}; y = {-1 * 2 + 10, 1 * 3 + 20}.
            var result = ReferenceNorm.Forward(Spec("NC", "C"), new LayoutShape("NC", [1, 2]), [1, 2], [2, 3], [10, 20]);

            NumericAssert.Close("y", [8, 23], result.Output, Exact);
        }

        [Fact]
        public void Channels_last_layout_reads_channels_from_the_innermost_axis()
        {
            // NHWC, N=1 H=1 W=2 C=2, memory {w0c0, w0c1, w1c0, w1c1} = {1, 10, 3, 30}: channel 0 {1, 3}, channel 1 {10, 30}.
            var result = ReferenceNorm.Forward(Spec("NHWC", "H,W"), new LayoutShape("NHWC", [1, 1, 2, 2]), [1, 10, 3, 30], null, null);

            NumericAssert.Close("mean", [2, 20], result.Mean, Exact);
            NumericAssert.Close("var", [1, 100], result.Variance, Exact);
            NumericAssert.Close("y", [-1, -1, 1, 1], result.Output, Exact);
        }

        [Fact]
        public void Groups_share_statistics_across_contiguous_channels()
        {
            // C=4, G=2: group 0 = channels {0, 1} = {1, 3}, mean 2 var 1; group 1 = {10, 14}, mean 12 var 4.
            var result = ReferenceNorm.Forward(Spec("NCHW", "H,W", groups: 2), new LayoutShape("NCHW", [1, 4, 1, 1]), [1, 3, 10, 14], null, null);

            NumericAssert.Close("mean", [2, 12], result.Mean, Exact);
            NumericAssert.Close("var", [1, 4], result.Variance, Exact);
            NumericAssert.Close("y", [-1, 1, -1, 1], result.Output, Exact);
        }

        [Fact]
        public void Epsilon_is_added_to_the_variance()
        {
            // {1, 3}: var 1, eps 3 -> invstd 1/2, xhat {-1/2, 1/2}.
            var result = ReferenceNorm.Forward(Spec("NC", "N", epsilon: 3), new LayoutShape("NC", [2, 1]), [1, 3], null, null);

            NumericAssert.Close("y", [-0.5, 0.5], result.Output, Exact);
        }

        [Fact]
        public void Running_statistics_normalise_in_eval_mode()
        {
            // running mean 0.5, var 3, eps 1 -> invstd 1/2; y = (x - 0.5) / 2 * 4.
            var result = ReferenceNorm.ForwardWithRunningStatistics(
                Spec("NC", "N", epsilon: 1), new LayoutShape("NC", [2, 1]), [1, 3], [4], [0], [0.5], [3]);

            NumericAssert.Close("y", [1, 5], result.Output, Exact);
            Assert.False(result.UsedBatchStatistics);
        }

        [Fact]
        public void Statistic_map_counts_match_the_configurations()
        {
            var batchNorm = new StatisticMap(Spec("NCHW", "N,H,W"), new LayoutShape("NCHW", [3, 5, 7, 9]));
            var groupNorm = new StatisticMap(Spec("NHWC", "H,W", groups: 3), new LayoutShape("NHWC", [3, 7, 9, 6]));
            var layerNorm = new StatisticMap(Spec("NCHW", "C,H,W"), new LayoutShape("NCHW", [3, 5, 7, 9]));
            var batchGroup = new StatisticMap(Spec("NCHW", "N,H,W", groups: 2), new LayoutShape("NCHW", [3, 6, 7, 9]));

            Assert.Equal((5, 189, 5, 5), (batchNorm.StatisticCount, batchNorm.ElementsPerStatistic, batchNorm.ParameterCount, batchNorm.RunningCount));
            Assert.Equal((9, 126, 6), (groupNorm.StatisticCount, groupNorm.ElementsPerStatistic, groupNorm.ParameterCount));
            Assert.Equal((3, 315, 315), (layerNorm.StatisticCount, layerNorm.ElementsPerStatistic, layerNorm.ParameterCount));
            Assert.Equal((2, 567, 6, 2), (batchGroup.StatisticCount, batchGroup.ElementsPerStatistic, batchGroup.ParameterCount, batchGroup.RunningCount));
        }

        [Fact]
        public void Elementwise_parameters_follow_layout_order_of_the_reduced_axes()
        {
            var channelsFirst = new StatisticMap(Spec("NCHW", "C,H,W"), new LayoutShape("NCHW", [2, 2, 3, 4]));
            var channelsLast = new StatisticMap(Spec("NHWC", "H,W,C"), new LayoutShape("NHWC", [2, 3, 4, 2]));

            // NCHW: p = c*H*W + h*W + w. NHWC: p = h*W*C + w*C + c.
            Assert.Equal((1 * 12) + (2 * 4) + 3, channelsFirst.ParameterOf([1, 1, 2, 3]));
            Assert.Equal((2 * 8) + (3 * 2) + 1, channelsLast.ParameterOf([1, 2, 3, 1]));
            Assert.Equal(0, channelsLast.StatisticOf([0, 2, 3, 1]));
            Assert.Equal(1, channelsLast.StatisticOf([1, 0, 0, 0]));
        }

        [Fact]
        public void Default_running_statistics_need_N_reduced_C_kept_and_the_rest_reduced()
        {
            Assert.True(NormSpec.DefaultTrackRunningStats("NCHW", "N,H,W"));
            Assert.True(NormSpec.DefaultTrackRunningStats("LNC", "L,N"));
            Assert.True(NormSpec.DefaultTrackRunningStats("NC", "N"));
            Assert.False(NormSpec.DefaultTrackRunningStats("NCHW", "H,W"));
            Assert.False(NormSpec.DefaultTrackRunningStats("NLC", "C"));
            Assert.False(NormSpec.DefaultTrackRunningStats("NCL", "N"));
        }
    }
}
