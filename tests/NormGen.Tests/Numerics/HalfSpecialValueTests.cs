using System;
using System.Linq;
using NormGen.Runtime;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// Half tensors with NaN and Inf propagate as PyTorch's half LayerNorm and BatchNorm do (and as the float layers do):
    /// a NaN or an Inf makes its statistic NaN (an Inf's deviations are Inf - Inf), so every output of that row or
    /// channel is NaN and every other output is untouched; an output beyond Half's range narrows to ±Inf.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class HalfSpecialValueTests
    {
        private const int Batch = 3, Length = 11, Channels = 5;

        [Theory]
        [InlineData(float.NaN)]
        [InlineData(float.PositiveInfinity)]
        [InlineData(float.NegativeInfinity)]
        public void LayerNorm_row_with_a_special_value_is_NaN_and_no_other_row_changes(float special)
        {
            var layer = new LayerNormNlcHalf();
            var random = new Random(7);
            var (x, _) = HalfLayerTests.RandomHalves(random, Batch * Length * Channels, 0.5, 2);
            var clean = new Half[x.Length];
            layer.Forward(x, clean, Batch, Length);

            int row = 13;   // (n, l) = (1, 2)
            x[(row * Channels) + 3] = (Half)special;
            var y = new Half[x.Length];
            layer.Forward(x, y, Batch, Length);

            for (int i = 0; i < y.Length; i++)
            {
                if (i / Channels == row)
                {
                    Assert.True(Half.IsNaN(y[i]), $"row {row} element {i}: {y[i]}, expected NaN");
                }
                else
                {
                    Assert.Equal(clean[i], y[i]);
                }
            }

            var dy = Enumerable.Repeat((Half)0.25f, x.Length).ToArray();
            var dx = new Half[x.Length];
            layer.Backward(x, dy, dx, Batch, Length);
            for (int i = 0; i < dx.Length; i++)
            {
                Assert.Equal(i / Channels == row, Half.IsNaN(dx[i]));
            }
        }

        [Theory]
        [InlineData(float.NaN)]
        [InlineData(float.PositiveInfinity)]
        public void BatchNorm_channel_with_a_special_value_is_NaN_and_its_running_statistics_too(float special)
        {
            const int height = 7, width = 9, channel = 2;
            var layer = new BatchNorm2dNchwHalf();
            var twin = new BatchNorm2dNchwFloat();
            var (x, _) = HalfLayerTests.RandomHalves(new Random(8), Batch * Channels * height * width, 0.5, 2);
            x[(((1 * Channels) + channel) * height * width) + 10] = (Half)special;
            var y = new Half[x.Length];
            var yf = new float[x.Length];
            layer.Forward(x, y, Batch, height, width);
            twin.Forward(x.Select(h => (float)h).ToArray(), yf, Batch, height, width);

            for (int i = 0; i < y.Length; i++)
            {
                bool inChannel = (i / (height * width)) % Channels == channel;
                Assert.Equal(inChannel, Half.IsNaN(y[i]));
                Assert.Equal(float.IsNaN(yf[i]), Half.IsNaN(y[i]));
            }

            for (int c = 0; c < Channels; c++)
            {
                Assert.Equal(c == channel, float.IsNaN(layer.RunningMean[c]) || float.IsNaN(layer.RunningVar[c]));
            }
        }

        [Fact]
        public void RmsNorm_with_an_infinite_value_is_the_float_layers_result()
        {
            var layer = new RmsNormNlcHalf(Channels);
            var twin = new RmsNormNlcFloat(Channels);
            var (x, _) = HalfLayerTests.RandomHalves(new Random(9), Batch * Length * Channels, 0.5, 2);
            x[7] = Half.PositiveInfinity;
            var y = new Half[x.Length];
            var yf = new float[x.Length];
            layer.Forward(x, y, Batch, Length);
            twin.Forward(x.Select(h => (float)h).ToArray(), yf, Batch, Length);
            for (int i = 0; i < y.Length; i++)
            {
                Assert.Equal(BitConverter.HalfToInt16Bits((Half)yf[i]), BitConverter.HalfToInt16Bits(y[i]));
            }

            Assert.True(Half.IsNaN(y[7]));
            Assert.True(y[6] == Half.Zero, $"{y[6]}");
        }

        [Fact]
        public void Outputs_beyond_the_half_range_narrow_to_infinity_with_their_sign()
        {
            var layer = new LayerNormNlcHalf();
            var twin = new LayerNormNlcFloat();
            for (int c = 0; c < Channels; c++)
            {
                layer.Weight[c] = twin.Weight[c] = 1e5f;
            }

            var (x, xf) = HalfLayerTests.RandomHalves(new Random(10), Batch * Length * Channels, 0.5, 2);
            var y = new Half[x.Length];
            var yf = new float[x.Length];
            layer.Forward(x, y, Batch, Length);
            twin.Forward(xf, yf, Batch, Length);

            int infinite = 0;
            for (int i = 0; i < y.Length; i++)
            {
                Assert.Equal(BitConverter.HalfToInt16Bits((Half)yf[i]), BitConverter.HalfToInt16Bits(y[i]));
                if (MathF.Abs(yf[i]) >= 65520f)
                {
                    Assert.True(Half.IsInfinity(y[i]) && Math.Sign((float)y[i]) == Math.Sign(yf[i]), $"element {i}: float {yf[i]}, Half {y[i]}");
                    infinite++;
                }
                else
                {
                    Assert.True(Half.IsFinite(y[i]), $"element {i}: float {yf[i]}, Half {y[i]}");
                }
            }

            Assert.True(infinite > y.Length / 2, $"only {infinite} of {y.Length} outputs overflowed");
        }

        [Fact]
        public void Bad_input_to_a_half_layer_throws_and_writes_nothing()
        {
            var layer = new LayerNormNlcHalf();
            var x = new Half[Batch * Length * Channels];
            var y = Enumerable.Repeat((Half)3, x.Length - 1).ToArray();
            var error = Assert.Throws<ArgumentException>(() => layer.Forward(x, y, Batch, Length));
            Assert.Contains("output", error.Message, StringComparison.Ordinal);
            Assert.All(y, value => Assert.Equal((Half)3, value));
            Assert.Throws<InvalidOperationException>(() => new LayerNormNlcHalf().Backward(x, x, new Half[x.Length], Batch, Length));
        }

        [Fact]
        public void The_runtimes_single_type_kernels_refuse_half()
        {
            var values = new Half[8];
            var error = Assert.Throws<NotSupportedException>(() => ShortRunKernels.Normalize<Half>(values, values, 2, 2, 2, values.AsSpan(0, 2), values.AsSpan(0, 2), default, default));
            Assert.Contains("Half", error.Message, StringComparison.Ordinal);
        }
    }
}
