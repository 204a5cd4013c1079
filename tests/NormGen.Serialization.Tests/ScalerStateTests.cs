using System;
using System.Linq;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    public class ScalerStateTests
    {
        private static FeatureStandardizer FittedStandardizer()
        {
            var scaler = new FeatureStandardizer();
            float[] data = TestData.Random(8 * 5, 1, 4, 2);
            for (int row = 0; row < 8; row++) data[row * 5 + 4] = 3f;
            scaler.Fit(data, 8);
            return scaler;
        }

        [Fact]
        public void A_standard_scaler_writes_scikit_learns_names()
        {
            FeatureStandardizer scaler = FittedStandardizer();
            var state = new StateDict();
            scaler.SaveStateDict(state, "scaler");

            Assert.Equal(new[] { "scaler.mean_", "scaler.var_", "scaler.scale_", "scaler.n_samples_seen_" }, state.Keys);
            Assert.Equal(scaler.Mean, state["scaler.mean_"].ToSingleArray());
            Assert.Equal(scaler.Variance, state["scaler.var_"].ToSingleArray());
            float[] scale = state["scaler.scale_"].ToSingleArray();
            for (int i = 0; i < 4; i++) Assert.Equal((float)Math.Sqrt(scaler.Variance[i]), scale[i]);
            Assert.Equal(0f, scaler.Variance[4]);
            Assert.Equal(1f, scale[4]);
            Assert.Equal(new[] { 8L }, state["scaler.n_samples_seen_"].ToInt64Array());
            Assert.Empty(state["scaler.n_samples_seen_"].Shape.ToArray());
        }

        [Fact]
        public void A_loaded_standard_scaler_transforms_as_the_saved_one_even_without_scale()
        {
            FeatureStandardizer saved = FittedStandardizer();
            var state = new StateDict();
            saved.SaveStateDict(state);
            state.Remove("scale_");

            var loaded = new FeatureStandardizer();
            loaded.LoadStateDict(SafeTensors.Load(TestData.ToBytes(state)));
            float[] input = TestData.Random(3 * 5, 2, 5);
            var expected = new float[input.Length];
            var actual = new float[input.Length];
            saved.Transform(input, expected, 3);
            loaded.Transform(input, actual, 3);
            Assert.Equal(expected, actual);
            Assert.Equal(saved.Count, loaded.Count);
        }

        [Fact]
        public void A_min_max_scaler_writes_the_derived_attributes_and_loads_from_the_fitted_ones()
        {
            var saved = new PixelMinMax();
            saved.Fit(TestData.RandomDouble(2 * 3 * 4 * 4, 3).Select(v => v * 7).ToArray(), 2, 4, 4);
            var state = new StateDict();
            saved.SaveStateDict(state);

            Assert.Equal(new[] { "data_min_", "data_max_", "data_range_", "scale_", "min_", "n_samples_seen_" }, state.Keys);
            double[] range = state["data_range_"].ToDoubleArray();
            double[] scale = state["scale_"].ToDoubleArray();
            double[] offset = state["min_"].ToDoubleArray();
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(saved.Max[c] - saved.Min[c], range[c]);
                Assert.Equal(2 / range[c], scale[c]);
                Assert.Equal(-1 - saved.Min[c] * scale[c], offset[c]);
            }

            var loaded = new PixelMinMax();
            loaded.LoadStateDict(state);
            Assert.Equal(saved.Min, loaded.Min);
            Assert.Equal(saved.Max, loaded.Max);
            Assert.Equal(saved.Count, loaded.Count);
        }

        [Fact]
        public void A_bad_scaler_state_leaves_the_scaler_unchanged()
        {
            FeatureStandardizer scaler = FittedStandardizer();
            float[] mean = scaler.Mean.ToArray();
            long count = scaler.Count;
            var state = new StateDict();
            new FeatureStandardizer().SaveStateDict(state);
            state["scale_"] = StateTensor.FromSingle(new float[4], 4);

            var e = Assert.Throws<StateDictException>(() => scaler.LoadStateDict(state));
            Assert.Equal("scale_", e.TensorName);
            Assert.Equal(mean, scaler.Mean);
            Assert.Equal(count, scaler.Count);

            state.Remove("scale_");
            state["n_samples_seen_"] = StateTensor.Scalar(-2);
            Assert.Throws<StateDictException>(() => scaler.LoadStateDict(state));
            Assert.Equal(mean, scaler.Mean);
        }
    }
}
