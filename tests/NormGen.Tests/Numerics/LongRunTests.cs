using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Statistics over contiguous runs of tens of thousands of elements, so that long reductions are split
    /// and merged, checked against the reference over a training step and an eval step. Channels-first BatchNorm
    /// takes a statistic in one go while its values fit in 32 KB (8,192 float or 4,096 double values) and in
    /// whole-tensor passes beyond: cases on both sides of that limit. Channels-last InstanceNorm and GroupNorm merge
    /// chunks of rows into each statistic: samples of many chunks, with row counts that leave a tail after the row
    /// blocks and channel counts that leave one after the vectors.</summary>
    [Trait("Category", "Numerics")]
    public sealed class LongRunTests
    {
        public static TheoryData<string, int[]> Cases => new()
        {
            { typeof(InstanceNorm1dNclFloat).FullName!, [2, 5, 20011] },
            { typeof(InstanceNorm1dNclDouble).FullName!, [2, 5, 20011] },
            { typeof(BatchNorm2dNchwFloat).FullName!, [2, 5, 101, 97] },
            { typeof(GroupNorm1NchwFloat).FullName!, [1, 6, 97, 101] },
            { typeof(GroupNorm3NchwDouble).FullName!, [2, 6, 89, 103] },
            { typeof(BatchGroupNormNchwFloat).FullName!, [2, 6, 83, 107] },
            { typeof(InstanceNorm1dNlcFloat).FullName!, [1, 17011, 5] },
            { typeof(BatchNorm2dNchwFloat).FullName!, [2, 5, 64, 64] },
            { typeof(BatchNorm2dNchwFloat).FullName!, [3, 5, 53, 53] },
            { typeof(BatchNorm2dNchwDouble).FullName!, [1, 5, 64, 64] },
            { typeof(BatchNorm2dNchwDouble).FullName!, [2, 5, 46, 46] },
            { typeof(BatchGroupNormNchwFloat).FullName!, [1, 6, 45, 45] },
            { typeof(GroupNorm4NhwcWideFloat).FullName!, [2, 100, 131, 20] },
            { typeof(GroupNorm4NhwcWideDouble).FullName!, [1, 64, 103, 20] },
            { typeof(InstanceNorm2dNhwcFloat).FullName!, [1, 229, 229, 5] },
        };

        /// <summary>Float cases whose statistics are merged from runs or chunks: past the one-statistic-at-a-time limit
        /// (channels-first BatchNorm), and channels-last samples of many chunks of rows.</summary>
        public static TheoryData<string, int[]> MergedCases => new()
        {
            { typeof(BatchNorm2dNchwFloat).FullName!, [2, 5, 64, 64] },
            { typeof(BatchNorm2dNchwFloat).FullName!, [3, 5, 53, 53] },
            { typeof(GroupNorm4NhwcWideFloat).FullName!, [2, 100, 131, 20] },
            { typeof(InstanceNorm2dNhwcFloat).FullName!, [1, 229, 229, 5] },
        };

        /// <summary>Statistics merged from runs or chunks: a large offset with small spread must not swamp them either.</summary>
        [Theory]
        [MemberData(nameof(MergedCases))]
        public void Large_offset_on_long_statistics_stays_close_to_reference(string layer, int[] extents)
        {
            var harness = new LayerHarness<float>(DeclaredLayer.Named(layer), extents);
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 1000, 0.1);

            var (actual, expected) = harness.Forward(x);

            NumericAssert.Within($"{harness.Name} output for 1000 + 0.1 * noise, {string.Join("x", extents)}", expected, actual, Tolerances.LargeOffsetAbsolute);
        }

        /// <summary>The kernels that take one statistic at a time sum x - p and (x - p)^2 in one pass around a pivot p,
        /// the mean of the statistic's first vector of values, and fall back to a second, exact pass when
        /// sum((x - p)^2) - sum(x - p)^2 / n would cancel most of its digits. Here the first values of every statistic
        /// stand 100 above the others (spread 0.1), so that subtraction would cancel some 11 of float's 24 bits: the
        /// output must still match the reference as closely as for ordinary input.</summary>
        [Fact]
        public void Statistics_whose_first_values_stand_apart_match_reference()
        {
            const int Length = 20011;
            var harness = new LayerHarness<float>(DeclaredLayer.Named(typeof(InstanceNorm1dNclFloat).FullName!), [2, 5, Length]);
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 0, 0.1);
            for (int row = 0; row < 2 * 5; row++)
            {
                for (int k = 0; k < 16; k++)
                {
                    x[row * Length + k] += 100;
                }
            }

            harness.AssertClose("training output, first 16 values of each statistic 100 above the rest", harness.Forward(x));
            harness.AssertInputGradClose("training input grad, first values apart", harness.Backward(x, harness.RandomOutputGrad()));
        }

        /// <summary>Channels-last statistics are summed in one pass per chunk of rows around a centre, the mean of the
        /// statistic's first rows for the first chunk and the mean merged so far for the others, with a second, exact
        /// pass over a chunk whose centre stands more than a standard deviation from its mean. Here the first rows of
        /// every sample stand 100 above the rest (spread 0.1), which moves every centre away from its chunk's mean: the
        /// output must still match the reference as closely as for ordinary input (without the second pass it does not:
        /// error / scale 3e-4).</summary>
        [Fact]
        public void Channels_last_statistics_whose_first_rows_stand_apart_match_reference()
        {
            const int Batch = 2, Length = 20011, Channels = 5, FirstRows = 16;
            const double Apart = 100;
            var harness = new LayerHarness<float>(DeclaredLayer.Named(typeof(InstanceNorm1dNlcFloat).FullName!), [Batch, Length, Channels]);
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 0, 0.1);
            for (int n = 0; n < Batch; n++)
            {
                for (int i = 0; i < FirstRows * Channels; i++)
                {
                    x[n * Length * Channels + i] += Apart;
                }
            }

            harness.AssertClose($"training output, first {FirstRows} rows of each sample {Apart} above the rest", harness.Forward(x));
            harness.AssertInputGradClose("training input grad, first rows apart", harness.Backward(x, harness.RandomOutputGrad()));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Long_reductions_match_reference(string layer, int[] extents)
        {
            var declared = DeclaredLayer.Named(layer);
            if (declared.ElementType == typeof(float))
            {
                Check(new LayerHarness<float>(declared, extents));
            }
            else
            {
                Check(new LayerHarness<double>(declared, extents));
            }
        }

        private static void Check<T>(LayerHarness<T> harness)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 3, 2);
            harness.AssertClose("training output", harness.Forward(x));
            harness.AssertInputGradClose("training input grad", harness.Backward(x, harness.RandomOutputGrad()));
            harness.AssertStateMatches("after a long training step");

            harness.Layer.Training = false;
            harness.Reference.Training = false;
            double[] evalInput = harness.RandomInput();
            harness.AssertClose("eval output", harness.Forward(evalInput));
            harness.AssertInputGradClose("eval input grad", harness.Backward(evalInput, harness.RandomOutputGrad()));
            harness.AssertStateMatches("after a long eval step");
        }
    }
}
