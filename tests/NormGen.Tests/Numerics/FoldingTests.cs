using System;
using System.Linq;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>BatchNorm folded into the convolution or linear layer before it: the folded layer alone gives what the layer
    /// followed by the normalisation gives in eval mode, and bad arguments throw before anything is written.</summary>
    public sealed class FoldingTests
    {
        private const int Batch = 2, InChannels = 3, OutChannels = 5, Size = 6, Kernel = 3;

        [Fact]
        public void A_folded_convolution_equals_the_convolution_then_BatchNorm2d_in_float()
        {
            var random = new Random(1);
            var norm = Trained<ConstructedBatchNorm2dFloat, float>(new ConstructedBatchNorm2dFloat(OutChannels), random);
            float[] weight = Values(random, OutChannels * InChannels * Kernel * Kernel).Select(v => (float)v).ToArray();
            float[] bias = Values(random, OutChannels).Select(v => (float)v).ToArray();
            float[] x = Values(random, Batch * InChannels * Size * Size).Select(v => (float)v).ToArray();

            float[] conv = Convolve(x, weight, bias);
            var expected = new float[conv.Length];
            norm.Forward(conv, expected, Batch, Size - Kernel + 1, Size - Kernel + 1);
            var foldedWeight = new float[weight.Length];
            var foldedBias = new float[OutChannels];
            BatchNormFolding.Fold(norm, weight, new[] { OutChannels, InChannels, Kernel, Kernel }, bias, foldedWeight, foldedBias);
            float[] actual = Convolve(x, foldedWeight, foldedBias);

            for (int i = 0; i < actual.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 2e-5f * Math.Max(1f, Math.Abs(expected[i])), $"[{i}] folded {actual[i]}, unfolded {expected[i]}");
            }
        }

        [Fact]
        public void A_folded_linear_layer_without_bias_equals_the_linear_layer_then_BatchNorm1d_in_double_in_place()
        {
            var random = new Random(2);
            var norm = Trained<ConstructedBatchNorm2dDouble, double>(new ConstructedBatchNorm2dDouble(OutChannels), random);
            double[] weight = Values(random, OutChannels * InChannels);
            double[] x = Values(random, Batch * InChannels);
            double[] linear = Linear(x, weight, new double[OutChannels]);
            var expected = new double[linear.Length];
            norm.Forward(linear, expected, Batch, 1, 1);
            double[] original = (double[])weight.Clone();
            var foldedBias = new double[OutChannels];

            BatchNormFolding.Fold(norm, weight, new[] { OutChannels, InChannels }, ReadOnlySpan<double>.Empty, weight, foldedBias);
            double[] actual = Linear(x, weight, foldedBias);

            Assert.NotEqual(original, weight);
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"[{i}] folded {actual[i]}, unfolded {expected[i]}");
            }
        }

        [Fact]
        public void A_weight_whose_outer_extent_is_not_the_channel_count_throws_and_writes_nothing()
        {
            var norm = Trained<ConstructedBatchNorm2dFloat, float>(new ConstructedBatchNorm2dFloat(OutChannels), new Random(3));
            var weight = new float[4 * InChannels];
            var folded = Enumerable.Repeat(9f, weight.Length).ToArray();
            var foldedBias = Enumerable.Repeat(9f, OutChannels).ToArray();

            var exception = Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(norm, weight, new[] { 4, InChannels }, default, folded, foldedBias));

            Assert.Contains("outermost extent must be the layer's channel count 5", exception.Message, StringComparison.Ordinal);
            Assert.All(folded, v => Assert.Equal(9f, v));
            Assert.All(foldedBias, v => Assert.Equal(9f, v));
        }

        [Fact]
        public void Training_mode_a_layer_without_running_statistics_and_wrong_lengths_are_refused()
        {
            var norm = Trained<ConstructedBatchNorm2dFloat, float>(new ConstructedBatchNorm2dFloat(OutChannels), new Random(4));
            var weight = new float[OutChannels * 2];
            var foldedBias = new float[OutChannels];

            norm.Training = true;
            Assert.Throws<InvalidOperationException>(() => BatchNormFolding.Fold(norm, weight, new[] { OutChannels, 2 }, default, weight, foldedBias));
            norm.Training = false;
            Assert.Throws<InvalidOperationException>(() => BatchNormFolding.Fold(new ConstructedGroupNormFloat(6), new float[12], new[] { 6, 2 }, default, new float[12], new float[6]));
            Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(norm, weight, new[] { OutChannels, 3 }, default, weight, foldedBias));
            Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(norm, weight, new[] { OutChannels, 2 }, new float[3], weight, foldedBias));
            Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(norm, weight, new[] { OutChannels, 2 }, default, new float[3], foldedBias));
            Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(norm, weight, new[] { OutChannels, 2 }, default, weight, new float[2]));
        }

        /// <summary>Random γ, β and running statistics (as after training), in eval mode.</summary>
        private static TLayer Trained<TLayer, T>(TLayer norm, Random random)
            where TLayer : INormalizationLayer<T>
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            for (int c = 0; c < OutChannels; c++)
            {
                norm.Weight![c] = T.CreateTruncating(0.5 + random.NextDouble());
                norm.Bias![c] = T.CreateTruncating(random.NextDouble() - 0.5);
                norm.RunningMean![c] = T.CreateTruncating(random.NextDouble() * 2 - 1);
                norm.RunningVar![c] = T.CreateTruncating(0.2 + random.NextDouble() * 3);
            }

            norm.Training = false;
            return norm;
        }

        private static double[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();

        /// <summary>A valid 3×3 convolution, NCHW, accumulated in double.</summary>
        private static float[] Convolve(float[] x, float[] weight, float[] bias)
        {
            int outSize = Size - Kernel + 1;
            var y = new float[Batch * OutChannels * outSize * outSize];
            for (int n = 0; n < Batch; n++)
            for (int o = 0; o < OutChannels; o++)
            for (int i = 0; i < outSize; i++)
            for (int j = 0; j < outSize; j++)
            {
                double sum = bias[o];
                for (int c = 0; c < InChannels; c++)
                for (int u = 0; u < Kernel; u++)
                for (int v = 0; v < Kernel; v++)
                {
                    sum += (double)weight[((o * InChannels + c) * Kernel + u) * Kernel + v] * x[((n * InChannels + c) * Size + i + u) * Size + j + v];
                }

                y[((n * OutChannels + o) * outSize + i) * outSize + j] = (float)sum;
            }

            return y;
        }

        private static double[] Linear(double[] x, double[] weight, double[] bias)
        {
            var y = new double[Batch * OutChannels];
            for (int n = 0; n < Batch; n++)
            for (int o = 0; o < OutChannels; o++)
            {
                double sum = bias[o];
                for (int c = 0; c < InChannels; c++)
                {
                    sum += weight[o * InChannels + c] * x[n * InChannels + c];
                }

                y[n * OutChannels + o] = sum;
            }

            return y;
        }
    }
}
