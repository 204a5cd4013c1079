using System;
using System.Linq;
using static NormGen.Transforms.Tests.TestData;

namespace NormGen.Transforms.Tests.Scaling
{
    [Trait("Category", "Numerics")]
    public class StandardScalerTests
    {
        [Fact]
        public void Known_values_per_channel_with_a_constant_channel()
        {
            // One 1x2 image, three channels: (1, 3), (10, 10), (-2, 2).
            var scaler = new ImageStandardizer();
            var image = new double[] { 1, 3, 10, 10, -2, 2 };
            scaler.Fit(image, batch: 1, height: 1, width: 2);

            Assert.Equal(new double[] { 2, 10, 0 }, scaler.Mean);
            Assert.Equal(new double[] { 1, 0, 4 }, scaler.Variance);
            Assert.Equal(2, scaler.Count);
            var output = new double[6];
            scaler.Transform(image, output, 1, 1, 2);
            Assert.Equal(new double[] { -1, 1, 0, 0, -1, 1 }, output);
        }

        public static TheoryData<string, int[]> Configurations => new()
        {
            { "NC", new[] { 37, 13 } },
            { "NCHW", new[] { 4, 3, 5, 7 } },
            { "NHWC", new[] { 6, 3, 7, 5 } },
            { "NC per sample", new[] { 4, 21 } },
            { "NCHW constructed", new[] { 4, 3, 5, 7 } },
            { "NHWC constructed", new[] { 6, 3, 7, 5 } },
            { "NCHW per pixel, constructed", new[] { 5, 3, 4, 6 } },
        };

        private static (IInputScaler<double> Scaler, string Layout, string Axes) Create(string name) => name switch
        {
            "NC" => (new FeatureStandardizer(), "NC", "N"),
            "NCHW" => (new ImageStandardizer(), "NCHW", "N,H,W"),
            "NHWC" => (new ChannelsLastStandardizer(), "NHWC", "N,H,W"),
            "NCHW constructed" => (new ConstructedImageStandardizer(3), "NCHW", "N,H,W"),
            "NHWC constructed" => (new ConstructedChannelsLastStandardizer(5), "NHWC", "N,H,W"),
            "NCHW per pixel, constructed" => (new ConstructedPixelStandardizer(3, 4, 6), "NCHW", "N"),
            _ => (new SampleStandardizer(), "NC", "C"),
        };

        [Theory]
        [MemberData(nameof(Configurations))]
        public void Fit_and_Transform_match_the_reference(string name, int[] shape)
        {
            var (scaler, layout, axes) = Create(name);
            var reference = new ScalerReference(layout, axes, shape);
            // A large common offset: a naive E[x²] - E[x]² would lose most digits.
            var data = Uniform(1, shape.Aggregate(1, (a, b) => a * b), 1000, 1004);
            scaler.Fit(data, shape);

            var s = (dynamic)scaler;
            AssertClose(reference.Mean(data), (double[])s.Mean, 1e-14, "mean");
            AssertClose(reference.Variance(data), (double[])s.Variance, 1e-10, "variance");
            var output = new double[data.Length];
            scaler.Transform(data, output, shape);
            AssertClose(reference.Standardize(data, reference.Mean(data), reference.Variance(data)), output, 1e-10, "output");
        }

        [Theory]
        [MemberData(nameof(Configurations))]
        public void Fitting_k_batches_equals_one_fit_over_all_of_them(string name, int[] shape)
        {
            var (whole, _, _) = Create(name);
            var (streamed, _, _) = Create(name);
            int perSample = shape.Skip(1).Aggregate(1, (a, b) => a * b);
            int[] batches = name == "NC per sample" ? new[] { 4, 4, 4 } : new[] { 1, 5, 2, 9 };
            var data = Uniform(2, batches.Sum() * perSample, -50, 70);
            if (name == "NC per sample")
            {
                // Batch is fixed at 4 and statistics are per sample: k batches are k fits of the same 4 samples.
                data = Enumerable.Range(0, 3).SelectMany(_ => data.Take(4 * perSample)).ToArray();
                whole.Fit(data.AsSpan(0, 4 * perSample), shape);
                whole.Fit(data.AsSpan(0, 4 * perSample), shape);
                whole.Fit(data.AsSpan(0, 4 * perSample), shape);
                var single = new SampleStandardizer();
                single.Fit(data.AsSpan(0, 4 * perSample), 21);
                AssertClose(single.Mean, ((SampleStandardizer)whole).Mean, 1e-12, "mean");
                AssertClose(single.Variance, ((SampleStandardizer)whole).Variance, 1e-12, "variance");
                return;
            }

            whole.Fit(data, new[] { batches.Sum() }.Concat(shape.Skip(1)).ToArray());
            int offset = 0;
            foreach (int batch in batches)
            {
                streamed.Fit(data.AsSpan(offset, batch * perSample), new[] { batch }.Concat(shape.Skip(1)).ToArray());
                offset += batch * perSample;
            }

            dynamic a = whole, b = streamed;
            Assert.Equal(whole.Count, streamed.Count);
            AssertClose((double[])a.Mean, (double[])b.Mean, 1e-12, "mean");
            AssertClose((double[])a.Variance, (double[])b.Variance, 1e-10, "variance");
        }

        [Fact]
        public void Float_fit_over_batches_matches_the_double_reference()
        {
            var scaler = new FloatSequenceStandardizer();
            var data = Uniform(3, 10 * 17 * 9, 100, 110);
            var floats = ToFloat(data);
            scaler.Fit(floats.AsSpan(0, 3 * 17 * 9), batch: 3, length: 17);
            scaler.Fit(floats.AsSpan(3 * 17 * 9), batch: 7, length: 17);

            var reference = new ScalerReference("NLC", "N,L", new[] { 10, 17, 9 });
            var exact = floats.Select(x => (double)x).ToArray();
            AssertClose(reference.Mean(exact), scaler.Mean, 1e-6, "mean");
            AssertClose(reference.Variance(exact), scaler.Variance, 1e-4, "variance");
        }

        [Fact]
        public void InverseTransform_returns_the_input()
        {
            var scaler = new ImageStandardizer();
            var data = Uniform(4, 2 * 3 * 6 * 5, -30, 90);
            scaler.Fit(data, 2, 6, 5);
            var scaled = new double[data.Length];
            var back = new double[data.Length];
            scaler.Transform(data, scaled, 2, 6, 5);
            scaler.InverseTransform(scaled, back, 2, 6, 5);
            AssertClose(data, back, 1e-13, "x");

            var floatScaler = new FloatSequenceStandardizer();
            var floats = ToFloat(data);
            floatScaler.Fit(floats, batch: 4, length: 5);
            var floatScaled = new float[floats.Length];
            floatScaler.Transform(floats, floatScaled, 4, 5);
            floatScaler.InverseTransform(floatScaled, floatScaled, 4, 5);
            // float keeps about seven digits of the largest magnitude involved (here |x| up to 90), not of each value.
            double largest = floats.Max(x => Math.Abs(x));
            for (int i = 0; i < floats.Length; i++)
            {
                Assert.True(Math.Abs(floatScaled[i] - floats[i]) <= 1e-6 * largest, $"x (float, in place)[{i}]: expected {floats[i]:R}, actual {floatScaled[i]:R}");
            }
        }

        [Fact]
        public void Constant_features_give_zero_and_no_NaN()
        {
            var scaler = new FloatSequenceStandardizer();
            var data = new float[3 * 4 * 9];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = i % 9 == 2 ? 0.1f : (float)Math.Sin(i);
            }

            scaler.Fit(data.AsSpan(0, 9 * 4), 1, 4);
            scaler.Fit(data.AsSpan(9 * 4), 2, 4);
            Assert.Equal(0.1f, scaler.Mean[2]);
            Assert.Equal(0f, scaler.Variance[2]);

            var output = new float[data.Length];
            scaler.Transform(data, output, 3, 4);
            Assert.All(output, x => Assert.False(float.IsNaN(x)));
            Assert.All(output.Where((_, i) => i % 9 == 2), x => Assert.Equal(0f, x));
        }

        [Fact]
        public void A_constructed_scaler_equals_the_fixed_one_bit_for_bit()
        {
            var fixedScaler = new ImageStandardizer();
            var constructed = new ConstructedImageStandardizer(channels: 3);
            Assert.Equal(3, constructed.Mean.Length);
            var data = Uniform(9, 3 * 3 * 5 * 4, -20, 40);
            fixedScaler.Fit(data, 3, 5, 4);
            constructed.Fit(data, 3, 5, 4);
            Assert.Equal(fixedScaler.Mean, constructed.Mean);
            Assert.Equal(fixedScaler.Variance, constructed.Variance);
            var expected = new double[data.Length];
            var actual = new double[data.Length];
            fixedScaler.Transform(data, expected, 3, 5, 4);
            constructed.Transform(data, actual, 3, 5, 4);
            Assert.Equal(expected, actual);
            fixedScaler.InverseTransform(expected, expected, 3, 5, 4);
            constructed.InverseTransform(actual, actual, 3, 5, 4);
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void Constructor_extents_are_checked_and_the_full_shape_must_match_them()
        {
            var zero = Assert.Throws<ArgumentException>(() => new ConstructedPixelStandardizer(3, 0, 6));
            Assert.Contains("height", zero.Message);
            Assert.Throws<ArgumentException>(() => new ConstructedImageStandardizer(-3));
            var tooMany = Assert.ThrowsAny<ArgumentException>(() => new ConstructedPixelStandardizer(65536, 65536, 2));
            Assert.Contains("65536", tooMany.Message);

            var scaler = new ConstructedImageStandardizer(3);
            var data = Uniform(10, 2 * 4 * 5 * 5);
            var mismatch = Assert.ThrowsAny<ArgumentException>(() => scaler.Fit(data, new[] { 2, 4, 5, 5 }));
            Assert.Contains("3", mismatch.Message);
            Assert.Equal(0, scaler.Count);
            Assert.Throws<ArgumentException>(() => scaler.Fit(data, 2, 5, 5));
            Assert.Equal(0, scaler.Count);
            Assert.All(scaler.Mean, x => Assert.Equal(0d, x));
        }

        [Fact]
        public void Saved_statistics_can_be_loaded()
        {
            var fitted = new FeatureStandardizer();
            var data = Uniform(5, 8 * 13, -3, 9);
            fitted.Fit(data, 8);

            var loaded = new FeatureStandardizer();
            fitted.Mean.CopyTo(loaded.Mean, 0);
            fitted.Variance.CopyTo(loaded.Variance, 0);
            loaded.Count = fitted.Count;
            var expected = new double[data.Length];
            var actual = new double[data.Length];
            fitted.Transform(data, expected, 8);
            loaded.Transform(data, actual, 8);
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void Transform_before_Fit_and_after_Reset_throws()
        {
            var scaler = new FeatureStandardizer();
            var data = Uniform(6, 13);
            var output = new double[13];
            Assert.Throws<InvalidOperationException>(() => scaler.Transform(data, output, 1));
            scaler.Fit(data, 1);
            scaler.Reset();
            Assert.Equal(0, scaler.Count);
            Assert.All(scaler.Mean, x => Assert.Equal(0d, x));
            Assert.Throws<InvalidOperationException>(() => scaler.InverseTransform(data, output, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Count = -1);
        }

        [Fact]
        public void Bad_input_throws_and_changes_nothing()
        {
            var scaler = new ImageStandardizer();
            var data = Uniform(7, 2 * 3 * 4 * 4, -1, 1);
            scaler.Fit(data, 2, 4, 4);
            var mean = scaler.Mean.ToArray();
            var variance = scaler.Variance.ToArray();
            var output = Uniform(8, data.Length);
            var outputBefore = output.ToArray();

            var length = Assert.Throws<ArgumentException>(() => scaler.Fit(data.AsSpan(1), 2, 4, 4));
            Assert.Contains("95", length.Message);
            Assert.Contains("96", length.Message);
            Assert.Throws<ArgumentException>(() => scaler.Transform(data, output.AsSpan(1), 2, 4, 4));
            var dimension = Assert.Throws<ArgumentException>(() => scaler.Fit(data, 0, 4, 4));
            Assert.Equal("batch", dimension.ParamName);
            Assert.Throws<ArgumentException>(() => scaler.Fit(data, new[] { 2, 3, 16 }));
            Assert.Throws<ArgumentException>(() => scaler.Transform(data, output, new[] { 2, 4, 3, 4 }));

            Assert.Equal(mean, scaler.Mean);
            Assert.Equal(variance, scaler.Variance);
            Assert.Equal(32, scaler.Count);
            Assert.Equal(outputBefore, output);
        }

        [Fact]
        public void Calls_do_not_allocate()
        {
            var scaler = new ChannelsLastStandardizer();
            var floatScaler = new FloatSequenceStandardizer();
            var data = Uniform(9, 4 * 3 * 7 * 5);
            var output = new double[data.Length];
            var floats = ToFloat(Uniform(10, 2 * 6 * 9));
            var floatOutput = new float[floats.Length];
            var shape = new[] { 2, 6, 9 };
            long allocated = AllocatedBy(() =>
            {
                scaler.Fit(data, 4);
                scaler.Transform(data, output, 4);
                scaler.InverseTransform(output, output, 4);
                floatScaler.Fit(floats, 2, 6);
                floatScaler.Transform(floats, floatOutput, shape);
            });
            Assert.Equal(0, allocated);
        }
    }
}
