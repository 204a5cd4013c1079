using System;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>What sets RMSNorm (<c>Center = false</c>) apart from the other layers: an all-zero statistic gives
    /// 0 · weight and finite gradients thanks to eps, the default epsilon is the element type's machine epsilon, there is
    /// no bias, and one value per statistic is well defined. The formula itself is checked, on every declared RMSNorm
    /// layer, by the scenarios all layers share (reference, finite differences, bad input, threads).</summary>
    [Trait("Category", "Numerics")]
    public sealed class RmsNormTests
    {
        public static TheoryData<string> RmsLayers
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (var name in DeclaredLayer.All.Values.Where(layer => !layer.Spec.Center).Select(layer => layer.Name).Order(StringComparer.Ordinal))
                {
                    data.Add(name);
                }

                return data;
            }
        }

        [Theory]
        [MemberData(nameof(RmsLayers))]
        public void An_all_zero_statistic_gives_zero_times_weight_and_finite_gradients(string layer) =>
            LayerScenario.Run(layer, new AllZeroStatistic());

        [Fact]
        public void Epsilon_defaults_to_the_machine_epsilon_of_the_element_type()
        {
            // The gap between 1 and the next representable value (torch.finfo(dtype).eps).
            Assert.Equal((double)MathF.BitIncrement(1f) - 1, new RmsNormNlcFloat(4).Epsilon);
            Assert.Equal(Math.BitIncrement(1.0) - 1, new RmsNormNlcDouble(4).Epsilon);
            Assert.Equal(1e-6, new RmsNormNcNoAffineFloat().Epsilon);
        }

        [Fact]
        public void An_RMSNorm_layer_has_a_weight_and_no_bias_nor_running_statistics_nor_synchronised_steps()
        {
            INormalizationLayer<float> norm = new RmsNormNchwFloat();
            Assert.Equal(5 * 7 * 9, norm.Weight!.Length);
            Assert.Equal(5 * 7 * 9, norm.WeightGrad!.Length);
            Assert.Null(norm.Bias);
            Assert.Null(norm.BiasGrad);
            Assert.Null(norm.RunningMean);
            Assert.Null(norm.RunningVar);
            Assert.Equal(new[] { 5, 7, 9 }, norm.ParameterShape.ToArray());
            Assert.Throws<InvalidOperationException>(() => norm.NumBatchesTracked = 1);

            INormalizationLayer<float> batchStyle = new RmsNormBatchNchwFloat(8);
            Assert.Equal(8, batchStyle.Weight!.Length);
            Assert.Null(batchStyle.Bias);
            Assert.Null(batchStyle.RunningMean);

            // Synchronised BatchNorm merges means and centred moments across processes: an RMSNorm over N has none.
            Assert.False(batchStyle is NormGen.Distributed.ISynchronizedNormalizationLayer<float>);
        }

        /// <summary>PyTorch's RMSNorm over a single value: y = x / sqrt(x^2 + eps) * weight, no error in training.</summary>
        [Fact]
        public void One_value_per_statistic_is_normalised_by_its_own_magnitude()
        {
            var norm = new RmsNormBatchNcFloat();
            float[] weight = [0.5f, 2f, -1f, 1.5f, 1f];
            weight.CopyTo(norm.Weight, 0);
            float[] x = [3f, -4f, 0f, 1e-3f, 2f];
            var y = new float[5];
            norm.Forward(x, y, batch: 1);

            double eps = Math.Pow(2, -23);
            for (int c = 0; c < 5; c++)
            {
                double expected = x[c] / Math.Sqrt(((double)x[c] * x[c]) + eps) * weight[c];
                Assert.True(Math.Abs(y[c] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"channel {c}: {y[c]} against {expected}");
            }

            Assert.Equal(0f, y[2]);
        }

        /// <summary>A statistic whose values are all zero, beside random ones: its outputs are exactly 0 (0 · weight), its
        /// input gradient is finite and, as every other value, matches the reference; nothing is NaN.</summary>
        private sealed class AllZeroStatistic : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                double[] x = harness.RandomInput();
                int zeroStatistic = harness.Map.StatisticOf(harness.Shape.MultiIndex(x.Length / 2));
                var inZero = Enumerable.Range(0, x.Length).Where(i => harness.Map.StatisticOf(harness.Shape.MultiIndex(i)) == zeroStatistic).ToArray();
                foreach (int i in inZero)
                {
                    x[i] = 0;
                }

                foreach (bool training in new[] { true, false })
                {
                    harness.Layer.Training = training;
                    harness.Reference.Training = training;
                    string mode = training ? "training" : "eval";
                    var forward = harness.Forward(x);
                    Assert.All(inZero, i => Assert.True(forward.Actual[i] == 0, $"{harness.Name} {mode}: output {i} of the all-zero statistic is {forward.Actual[i]}"));
                    Assert.All(forward.Actual, value => Assert.True(double.IsFinite(value), $"{harness.Name} {mode}: an output is {value}"));
                    harness.AssertClose(mode + " output with an all-zero statistic", forward);

                    var backward = harness.Backward(x, harness.RandomOutputGrad());
                    Assert.All(backward.Actual, value => Assert.True(double.IsFinite(value), $"{harness.Name} {mode}: an input gradient is {value}"));
                    harness.AssertInputGradClose(mode + " input grad with an all-zero statistic", backward);
                    harness.AssertStateMatches(mode + " with an all-zero statistic");
                }
            }
        }
    }
}
