using System;
using System.Linq;
using NormGen.Tests.Layers;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Layers whose channel count or element-wise extents the constructor takes: the constructor's checks, the
    /// members it sizes, and the full-shape calls that must agree with it. (Their numerics run in every scenario test:
    /// <see cref="Harness.DeclaredLayer"/> constructs them.)</summary>
    public sealed class ConstructionTests
    {
        [Fact]
        public void Only_the_constructor_that_takes_the_extents_exists()
        {
            Assert.Equal(new[] { "channels" }, typeof(ConstructedGroupNormFloat).GetConstructors().Single().GetParameters().Select(p => p.Name));
            Assert.Equal(new[] { "channels", "height", "width" }, typeof(ConstructedPlaneNormFloat).GetConstructors().Single().GetParameters().Select(p => p.Name));
            Assert.Equal(new[] { "channels", "width" }, typeof(ConstructedPlaneNormDouble).GetConstructors().Single().GetParameters().Select(p => p.Name));
        }

        [Fact]
        public void The_constructor_sizes_parameters_running_statistics_and_reports_its_extents()
        {
            var norm = new ConstructedBatchNorm2dFloat(40);

            Assert.Equal(40, norm.Channels);
            Assert.Equal("NCHW", norm.Layout);
            Assert.Equal(new[] { 40 }, norm.ParameterShape.ToArray());
            Assert.Equal(new[] { 40, 40, 40, 40, 40, 40 }, new[] { norm.Weight.Length, norm.Bias.Length, norm.WeightGrad.Length, norm.BiasGrad.Length, norm.RunningMean.Length, norm.RunningVar.Length });

            var plane = new ConstructedPlaneNormFloat(channels: 4, height: 3, width: 5);
            Assert.Equal(new[] { 4, 3, 5 }, plane.ParameterShape.ToArray());
            Assert.Equal(60, plane.Weight.Length);
        }

        [Theory]
        [InlineData(0, "channels must be positive, but was 0.")]
        [InlineData(-3, "channels must be positive, but was -3.")]
        [InlineData(7, "channels = 7 is not divisible by Groups = 3: each group needs the same number of channels. Nearby valid channel counts: 6 or 9.")]
        [InlineData(2, "channels = 2 is not divisible by Groups = 3: each group needs the same number of channels. Nearby valid channel counts: 3.")]
        public void A_channel_count_that_is_not_positive_or_not_a_multiple_of_the_groups_throws_naming_the_values(int channels, string message)
        {
            var exception = Assert.Throws<ArgumentException>(() => new ConstructedGroupNormFloat(channels));

            Assert.Equal("channels", exception.ParamName);
            Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_non_positive_element_wise_extent_throws_naming_it()
        {
            var exception = Assert.Throws<ArgumentException>(() => new ConstructedPlaneNormFloat(64, 0, 8));

            Assert.Equal("height", exception.ParamName);
            Assert.Contains("'height' must be positive, but was 0", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Element_wise_extents_whose_product_overflows_throw()
        {
            Assert.Throws<ArgumentException>(() => new ConstructedPlaneNormFloat(65536, 65536, 2));
        }

        [Fact]
        public void A_full_shape_that_contradicts_a_constructed_extent_throws_and_writes_nothing()
        {
            var norm = new ConstructedBatchNorm2dFloat(3);
            var input = Enumerable.Range(0, 2 * 4 * 2 * 2).Select(i => (float)i).ToArray();
            var output = Enumerable.Repeat(7f, input.Length).ToArray();

            var exception = Assert.Throws<ArgumentException>(() => ((INormalizationLayer<float>)norm).Forward(input, output, new[] { 2, 4, 2, 2 }));

            Assert.Contains("Axis C of layout NCHW was constructed with extent 3, but the shape gives 4.", exception.Message, StringComparison.Ordinal);
            Assert.All(output, v => Assert.Equal(7f, v));
            Assert.All(norm.RunningMean, v => Assert.Equal(0f, v));
            Assert.Equal(0, norm.NumBatchesTracked);
        }

        [Fact]
        public void Layers_of_one_class_built_with_different_counts_work_side_by_side()
        {
            var small = new ConstructedGroupNormFloat(3);
            var large = new ConstructedGroupNormFloat(12);
            var random = new Random(5);
            var x = Enumerable.Range(0, 2 * 12 * 4 * 4).Select(_ => (float)random.NextDouble()).ToArray();
            var y = new float[x.Length];
            var ySmall = new float[2 * 3 * 16];

            large.Forward(x, y, 2, 4, 4);
            small.Forward(x.AsSpan(0, ySmall.Length), ySmall, 2, 4, 4);

            Assert.Equal(12, large.Weight.Length);
            Assert.Equal(3, small.Weight.Length);
            AssertGroupMeansZero(y, channels: 12);
            AssertGroupMeansZero(ySmall, channels: 3);
        }

        private static void AssertGroupMeansZero(float[] y, int channels)
        {
            int groupValues = channels / 3 * 16;
            for (int n = 0; n < 2; n++)
            {
                for (int g = 0; g < 3; g++)
                {
                    var group = Enumerable.Range(0, groupValues).Select(i => (double)y[n * channels * 16 + g * groupValues + i]).ToArray();
                    Assert.True(Math.Abs(group.Average()) < 1e-5, $"{channels} channels: mean of group {g} of sample {n}: {group.Average()}");
                }
            }
        }

        [Fact]
        public void Setting_NumBatchesTracked_on_a_layer_without_running_statistics_throws_unless_zero()
        {
            INormalizationLayer<float> norm = new ConstructedGroupNormFloat(6);

            norm.NumBatchesTracked = 0;
            Assert.Throws<InvalidOperationException>(() => norm.NumBatchesTracked = 3);
        }

        /// <summary>A channels-last layer constructed with more channels than its kernels keep on the stack takes its
        /// per-channel scratch from the shared pool: forward and backward still match the double reference.</summary>
        [Theory]
        [InlineData(2100)]
        [InlineData(4099)]
        public void A_constructed_channels_last_layer_with_many_channels_matches_the_reference(int channels)
        {
            var norm = new ConstructedBatchNormNhwcDouble(channels);
            var shape = new LayoutShape("NHWC", new[] { 3, 2, 3, channels });
            var random = new Random(channels);
            var x = Enumerable.Range(0, shape.Count).Select(_ => random.NextDouble() * 6 - 2).ToArray();
            var dy = Enumerable.Range(0, shape.Count).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int k = 0; k < channels; k++)
            {
                norm.Weight[k] = 0.5 + random.NextDouble();
                norm.Bias[k] = random.NextDouble() - 0.5;
            }

            var spec = new NormSpec("NHWC", "N,H,W", 0, 1e-5, 0.1, false, true, true);
            var expected = ReferenceNorm.Forward(spec, shape, x, norm.Weight.ToArray(), norm.Bias.ToArray());
            var gradients = ReferenceNorm.Backward(spec, shape, expected, dy, norm.Weight.ToArray());
            var y = new double[shape.Count];
            var dx = new double[shape.Count];

            norm.Forward(x, y, 3, 2, 3);
            norm.Backward(x, dy, dx, 3, 2, 3);

            for (int i = 0; i < shape.Count; i++)
            {
                Assert.True(Math.Abs(y[i] - expected.Output[i]) <= 1e-12, $"y[{i}] = {y[i]}, reference {expected.Output[i]}");
                Assert.True(Math.Abs(dx[i] - gradients.Input[i]) <= 1e-11 * Math.Max(1, gradients.InputTermScale), $"dx[{i}] = {dx[i]}, reference {gradients.Input[i]}");
            }

            for (int k = 0; k < channels; k++)
            {
                Assert.True(Math.Abs(norm.WeightGrad[k] - gradients.Weight![k]) <= 1e-11, $"weight grad [{k}]");
                Assert.True(Math.Abs(norm.BiasGrad[k] - gradients.Bias![k]) <= 1e-11, $"bias grad [{k}]");
            }
        }
    }
}
