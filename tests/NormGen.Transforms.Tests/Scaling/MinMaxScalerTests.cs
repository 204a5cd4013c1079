using System;
using System.Linq;
using static NormGen.Transforms.Tests.TestData;

namespace NormGen.Transforms.Tests.Scaling
{
    [Trait("Category", "Numerics")]
    public class MinMaxScalerTests
    {
        [Fact]
        public void Known_values_with_a_constant_feature_and_clipping()
        {
            var scaler = new ClippedMinMax();
            var data = new double[] { 1, 5, 3, 5, 2, 5 };
            scaler.Fit(data, batch: 3);
            Assert.Equal(new double[] { 1, 5 }, scaler.Min);
            Assert.Equal(new double[] { 3, 5 }, scaler.Max);
            Assert.Equal(3, scaler.Count);

            var output = new double[6];
            scaler.Transform(data, output, 3);
            Assert.Equal(new double[] { 0, 0, 1, 0, 0.5, 0 }, output);

            // Outside the fitted range: clipped to [0, 1].
            var outside = new double[] { 4, 6, -1, 4.5 };
            scaler.Transform(outside, outside, 2);
            Assert.Equal(new double[] { 1, 1, 0, 0 }, outside);
        }

        [Fact]
        public void A_custom_feature_range_matches_the_reference()
        {
            var scaler = new FeatureMinMax();
            var data = Uniform(1, 29 * 13, -7, 11);
            scaler.Fit(data, 29);
            var reference = new ScalerReference("NC", "N", new[] { 29, 13 });
            Assert.Equal(reference.Min(data), scaler.Min);
            Assert.Equal(reference.Max(data), scaler.Max);
            Assert.Equal(-1d, scaler.FeatureRangeMin);
            Assert.Equal(2d, scaler.FeatureRangeMax);

            var output = new double[data.Length];
            scaler.Transform(data, output, 29);
            AssertClose(reference.MinMax(data, reference.Min(data), reference.Max(data), -1, 2), output, 1e-14, "output");
            Assert.Equal(-1d, output.Min(), 14);
            Assert.Equal(2d, output.Max(), 14);
        }

        [Fact]
        public void Constructed_scalers_match_the_reference()
        {
            var features = new ConstructedFeatureMinMax(13);
            var data = Uniform(11, 29 * 13, -7, 11);
            features.Fit(data, 29);
            var reference = new ScalerReference("NC", "N", new[] { 29, 13 });
            Assert.Equal(reference.Min(data), features.Min);
            Assert.Equal(reference.Max(data), features.Max);
            var output = new double[data.Length];
            features.Transform(data, output, 29);
            AssertClose(reference.MinMax(data, reference.Min(data), reference.Max(data), -1, 2), output, 1e-14, "output");

            var pixels = new FloatConstructedChannelsLastMinMax(5);
            var image = Uniform(12, 2 * 3 * 4 * 5, -100, 100);
            var floats = ToFloat(image);
            pixels.Fit(floats, 2, 3, 4);
            var exact = floats.Select(x => (double)x).ToArray();
            var channelsLast = new ScalerReference("NHWC", "N,H,W", new[] { 2, 3, 4, 5 });
            Assert.Equal(channelsLast.Min(exact).Select(x => (float)x), pixels.Min);
            Assert.Equal(channelsLast.Max(exact).Select(x => (float)x), pixels.Max);
        }

        [Theory]
        [InlineData(1, 1, 2)]
        [InlineData(3, 5, 7)]
        [InlineData(2, 9, 11)]
        public void Per_channel_extrema_of_images_match_the_reference(int batch, int height, int width)
        {
            var scaler = new ImageMinMax();
            var data = Uniform(2 + height, batch * 3 * height * width, -100, 100);
            scaler.Fit(data, batch, height, width);
            var reference = new ScalerReference("NCHW", "N,H,W", new[] { batch, 3, height, width });
            Assert.Equal(reference.Min(data), scaler.Min);
            Assert.Equal(reference.Max(data), scaler.Max);
        }

        [Fact]
        public void Channels_last_float_extrema_match_the_reference()
        {
            var scaler = new FloatChannelsLastMinMax();
            var data = ToFloat(Uniform(3, 4 * 3 * 6 * 5, -2, 2)).Select(x => (double)x).ToArray();
            scaler.Fit(ToFloat(data), new[] { 4, 3, 6, 5 });
            var reference = new ScalerReference("NHWC", "N,H,W", new[] { 4, 3, 6, 5 });
            AssertClose(reference.Min(data), scaler.Min, 0, "min");
            AssertClose(reference.Max(data), scaler.Max, 0, "max");
        }

        [Fact]
        public void Fitting_k_batches_equals_one_fit_over_all_of_them()
        {
            var whole = new ImageMinMax();
            var streamed = new ImageMinMax();
            int[] batches = { 2, 1, 4, 3 };
            int plane = 3 * 4 * 6;
            var data = Uniform(4, batches.Sum() * plane, -5, 5);
            whole.Fit(data, batches.Sum(), 4, 6);
            int offset = 0;
            foreach (int batch in batches)
            {
                streamed.Fit(data.AsSpan(offset, batch * plane), batch, 4, 6);
                offset += batch * plane;
            }

            Assert.Equal(whole.Min, streamed.Min);
            Assert.Equal(whole.Max, streamed.Max);
            Assert.Equal(whole.Count, streamed.Count);
        }

        [Fact]
        public void InverseTransform_returns_the_input()
        {
            var scaler = new FeatureMinMax();
            var data = Uniform(5, 17 * 13, -40, 60);
            scaler.Fit(data, 17);
            var scaled = new double[data.Length];
            scaler.Transform(data, scaled, 17);
            scaler.InverseTransform(scaled, scaled, 17);
            AssertClose(data, scaled, 1e-13, "x");
        }

        [Fact]
        public void A_constant_feature_maps_to_the_lower_bound()
        {
            var scaler = new FeatureMinMax();
            var data = Uniform(6, 5 * 13);
            for (int n = 0; n < 5; n++)
            {
                data[n * 13 + 4] = 7.25;
            }

            scaler.Fit(data, 5);
            var output = new double[data.Length];
            scaler.Transform(data, output, 5);
            Assert.All(output, x => Assert.False(double.IsNaN(x)));
            Assert.All(Enumerable.Range(0, 5), n => Assert.Equal(-1d, output[n * 13 + 4]));
        }

        [Fact]
        public void Bad_input_throws_and_changes_nothing()
        {
            var scaler = new FeatureMinMax();
            var data = Uniform(7, 4 * 13);
            scaler.Fit(data, 4);
            var min = scaler.Min.ToArray();
            var max = scaler.Max.ToArray();
            var output = new double[data.Length];

            var length = Assert.Throws<ArgumentException>(() => scaler.Fit(data, 5));
            Assert.Contains("52", length.Message);
            Assert.Contains("65", length.Message);
            Assert.Throws<ArgumentException>(() => scaler.Fit(data, -4));
            Assert.Throws<ArgumentException>(() => scaler.Fit(data, new[] { 4, 12 }));
            Assert.Throws<ArgumentException>(() => scaler.InverseTransform(data, output.AsSpan(0, 13), 4));

            Assert.Equal(min, scaler.Min);
            Assert.Equal(max, scaler.Max);
            Assert.Equal(4, scaler.Count);
            Assert.All(output, x => Assert.Equal(0d, x));
        }

        [Fact]
        public void Calls_do_not_allocate()
        {
            var scaler = new ImageMinMax();
            var floatScaler = new FloatChannelsLastMinMax();
            var data = Uniform(8, 2 * 3 * 5 * 9);
            var output = new double[data.Length];
            var floats = ToFloat(Uniform(9, 2 * 4 * 4 * 5));
            long allocated = AllocatedBy(() =>
            {
                scaler.Fit(data, 2, 5, 9);
                scaler.Transform(data, output, 2, 5, 9);
                scaler.InverseTransform(output, output, 2, 5, 9);
                floatScaler.Fit(floats, 2, 4, 4);
                floatScaler.Transform(floats, floats, 2, 4, 4);
                scaler.Reset();
            });
            Assert.Equal(0, allocated);
        }
    }
}
