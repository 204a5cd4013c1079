using System.Linq;
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
            { typeof(RmsNormBatchNchwFloat).FullName!, [3, 6, 53, 53] },
            { typeof(RmsNormBatchNchwDouble).FullName!, [2, 6, 46, 46] },
            { typeof(RmsNormBatchNhwcFloat).FullName!, [3, 53, 53, 5] },
            { typeof(RmsNormBatchNhwcFloat).FullName!, [32, 56, 56, 5] },
            { typeof(RmsNormInstanceNhwcFloat).FullName!, [1, 229, 229, 5] },
            { typeof(RmsNormOverChannelsNclFloat).FullName!, [2, 5, 20011] },
            { typeof(RmsNormNlcFloat).FullName!, [2, 3, 6] },
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

        /// <summary>Layers whose statistics start with values that stand 100 above the rest (spread 0.1): the input is
        /// cut into blocks of <c>block</c> values and the first <c>first</c> of each are raised. InstanceNorm1d NCL: the
        /// first 16 values of every statistic (20,011 contiguous values). InstanceNorm1d NLC: the first 16 rows of every
        /// sample (channels-last, statistics merged from chunks of rows).</summary>
        public static TheoryData<string, int[], int, int> FirstValuesApartCases => new()
        {
            { typeof(InstanceNorm1dNclFloat).FullName!, [2, 5, 20011], 20011, 16 },
            { typeof(InstanceNorm1dNlcFloat).FullName!, [2, 20011, 5], 20011 * 5, 16 * 5 },
        };

        /// <summary>Statistics are summed in one pass around a pivot or centre near the mean of the first values (the
        /// first vector of a statistic taken one at a time; for channels-last chunks, the statistic's first rows, then
        /// the mean merged so far), with a second, exact pass when sum(d^2) - sum(d)^2 / n would cancel more than half of
        /// sum(d^2). First values far from the rest move that centre away from the mean: the output must still match the
        /// reference as closely as for ordinary input (without the second pass it does not: error / scale 1.4e-4
        /// and 3e-4).</summary>
        [Theory]
        [MemberData(nameof(FirstValuesApartCases))]
        public void Statistics_whose_first_values_stand_apart_match_reference(string layer, int[] extents, int block, int first)
        {
            const double Apart = 100;
            var harness = new LayerHarness<float>(DeclaredLayer.Named(layer), extents);
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 0, 0.1);
            for (int start = 0; start < x.Length; start += block)
            {
                for (int i = 0; i < first; i++)
                {
                    x[start + i] += Apart;
                }
            }

            harness.AssertClose($"training output, first {first} of every {block} values {Apart} above the rest", harness.Forward(x));
            harness.AssertInputGradClose("training input grad, first values apart", harness.Backward(x, harness.RandomOutputGrad()));
        }

        /// <summary>Channels-last layers with many chunks of rows a statistic, where the first 16 rows of each block of
        /// <c>rows</c> (the tensor for BatchNorm, a sample for InstanceNorm and GroupNorm) stand 100 above the rest in the
        /// <c>raised</c> channels only. Every chunk finds those statistics' centre far from its mean and sums their
        /// squared deviations again, for those statistics alone: one or two of many, a channel in the vectors and one in
        /// the tail, a statistic of two channels.</summary>
        public static TheoryData<string, int[], int, int[]> FewChannelsApartCases => new()
        {
            { typeof(BatchNorm1dNcWideFloat).FullName!, [20011, 37], 20011, [3] },
            { typeof(BatchNorm1dNcWideFloat).FullName!, [20011, 37], 20011, [3, 35] },
            { typeof(BatchNorm1dNcWideDouble).FullName!, [20011, 37], 20011, [3, 35] },
            { typeof(InstanceNorm2dNhwcWideFloat).FullName!, [1, 139, 149, 37], 139 * 149, [0, 36] },
            { typeof(GroupNorm24NhwcFloat).FullName!, [1, 101, 103, 48], 101 * 103, [10, 11] },
        };

        [Theory]
        [MemberData(nameof(FewChannelsApartCases))]
        public void Few_channels_whose_first_rows_stand_apart_match_reference(string layer, int[] extents, int rows, int[] raised) =>
            LayerScenario.Run(layer, new ApartMatchesReference(RandomApart(extents, rows, raised), $"first 16 rows of every {rows} {Apart} above the rest in channels {string.Join(", ", raised)}"), extents);

        /// <summary>The same cases, smaller: the statistics summed again alone (few far) must come out bit for bit as when
        /// every channel is summed again (every statistic far, the same values in the compared channels), in the output
        /// and the input gradient. Near the reference, leaving the far statistics' m2 as first summed still passes for
        /// tens of thousands of rows; this comparison does not.</summary>
        public static TheoryData<string, int[], int, int[]> FewChannelsApartSmallCases => new()
        {
            { typeof(BatchNorm1dNcWideFloat).FullName!, [3001, 37], 3001, [3] },
            { typeof(BatchNorm1dNcWideFloat).FullName!, [3001, 37], 3001, [3, 35] },
            { typeof(BatchNorm1dNcWideDouble).FullName!, [3001, 37], 3001, [3, 35] },
            { typeof(InstanceNorm2dNhwcWideFloat).FullName!, [2, 50, 61, 37], 50 * 61, [0, 36] },
            { typeof(GroupNorm24NhwcFloat).FullName!, [2, 41, 40, 48], 41 * 40, [10, 11] },
        };

        [Theory]
        [MemberData(nameof(FewChannelsApartSmallCases))]
        public void Few_far_statistics_are_summed_again_as_when_all_are(string layer, int[] extents, int rows, int[] raised)
        {
            int[] all = Enumerable.Range(0, extents[^1]).ToArray();
            LayerScenario.Run(layer, new SameColumns(extents, RandomApart(extents, rows, raised), RandomApart(extents, rows, all), raised), extents);
        }

        /// <summary>A statistic that is not far keeps the m2 of its one pass whatever the other statistics of its chunks
        /// are: with every other statistic's first rows raised (so that each chunk sums every channel again) its
        /// output and input gradient are bit for bit those of an input where none is raised.</summary>
        [Theory]
        [MemberData(nameof(FewChannelsApartSmallCases))]
        public void Statistics_that_are_not_far_keep_their_sums_whatever_the_others_are(string layer, int[] extents, int rows, int[] raised)
        {
            _ = raised;
            int channels = extents[^1];
            var spec = DeclaredLayer.Named(layer).Spec;
            int groupSize = spec.HasGroups ? channels / spec.Groups : 1;
            int[] everyOther = Enumerable.Range(0, channels).Where(c => c / groupSize % 2 == 0).ToArray();
            int[] kept = Enumerable.Range(0, channels).Except(everyOther).ToArray();
            LayerScenario.Run(layer, new SameColumns(extents, RandomApart(extents, rows, everyOther), RandomApart(extents, rows, []), kept), extents);
        }

        private const double Apart = 100;

        /// <summary>Values of spread 0.1 around 0; the first 16 rows of every block of <paramref name="rows"/> rows stand
        /// <see cref="Apart"/> higher in the <paramref name="raised"/> channels.</summary>
        private static double[] RandomApart(int[] extents, int rows, int[] raised)
        {
            int channels = extents[^1];
            int count = extents.Aggregate(1, (product, extent) => product * extent);
            var random = new System.Random(1234);
            var x = new double[count];
            for (int i = 0; i < count; i++)
            {
                x[i] = 0.1 * (random.NextDouble() * 2 - 1);
            }

            for (int block = 0; block < count; block += rows * channels)
            {
                for (int row = 0; row < 16; row++)
                {
                    foreach (int channel in raised)
                    {
                        x[block + row * channels + channel] += Apart;
                    }
                }
            }

            return x;
        }

        /// <summary>A training step on <c>x</c> and its Backward, checked against the reference.</summary>
        private sealed class ApartMatchesReference(double[] x, string what) : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                harness.AssertClose("training output, " + what, harness.Forward(x));
                harness.AssertInputGradClose("training input grad, " + what, harness.Backward(x, harness.RandomOutputGrad()));
            }
        }

        /// <summary>A training step of the layer on each input (the same parameters and output gradient, a second layer for
        /// the second input), the output and the input gradient compared bit for bit in the <c>compared</c> channels.</summary>
        private sealed class SameColumns(int[] extents, double[] first, double[] second, int[] compared) : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var other = new LayerHarness<T>(harness.Declared, extents);
                harness.RandomizeParameters();
                other.RandomizeParameters();
                double[] dy = harness.RandomOutputGrad();
                var outputs = (First: harness.Forward(first).Actual, Second: other.Forward(second).Actual);
                var inputGrads = (First: harness.Backward(first, dy).Actual, Second: other.Backward(second, dy).Actual);
                string name = harness.Name;
                int channels = extents[^1];
                int count = 0;
                for (int i = 0; i < first.Length; i++)
                {
                    if (!compared.Contains(i % channels))
                    {
                        continue;
                    }

                    Assert.True(first[i] == second[i], $"input differs at {i}");
                    Assert.True(outputs.First[i].Equals(outputs.Second[i]), $"{name}: output at {i} (channel {i % channels}) is {outputs.First[i]:R} in the first input, {outputs.Second[i]:R} in the second");
                    Assert.True(inputGrads.First[i].Equals(inputGrads.Second[i]), $"{name}: input grad at {i} (channel {i % channels}) is {inputGrads.First[i]:R} in the first input, {inputGrads.Second[i]:R} in the second");
                    count++;
                }

                Assert.Equal(first.Length / channels * compared.Length, count);
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Long_reductions_match_reference(string layer, int[] extents) =>
            LayerScenario.Run(layer, new TrainingAndEvalSteps(), extents);
    }
}
