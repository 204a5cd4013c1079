using System;
using System.Collections.Generic;
using System.Linq;
using static NormGen.Transforms.Tests.TestData;

namespace NormGen.Transforms.Tests.WeightNormalization
{
    [Trait("Category", "Numerics")]
    public class WeightNormTests
    {
        private static readonly Dictionary<string, Func<IWeightNormalization<double>>> Layers = new()
        {
            ["Dim0"] = () => new WeightDim0(),
            ["Dim1"] = () => new WeightDim1(),
            ["Dim2"] = () => new WeightDim2(),
            ["DimFromEnd"] = () => new WeightDimFromEnd(),
            ["Whole"] = () => new WholeWeight(),
            ["Linear"] = () => new LinearWeight(),
            ["SingleRow"] = () => new SingleRowWeight(),
            ["Vector"] = () => new VectorWeight(),
            ["Clamped"] = () => new ClampedWeight(),
        };

        public static TheoryData<string> LayerNames => new(Layers.Keys);

        /// <summary>A layer with random v (rows well away from zero) and g, and its shape and dim.</summary>
        private static (IWeightNormalization<double> Layer, int[] Shape, int Dim) Random(string name, int seed)
        {
            var layer = Layers[name]();
            Uniform(seed, layer.V.Length, 0.5, 1.5).Select((x, i) => i % 3 == 0 ? -x : x).ToArray().CopyTo(layer.V, 0);
            Uniform(seed + 1, layer.G.Length, -2, 2).CopyTo(layer.G, 0);
            return (layer, layer.Shape.ToArray(), layer.Dim);
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void ComputeWeight_matches_the_reference(string name)
        {
            var (layer, shape, dim) = Random(name, 11);
            var weight = new double[layer.V.Length];
            layer.ComputeWeight(weight);
            AssertClose(WeightNormReference.Weight(shape, dim, layer.V, layer.G, layer.Epsilon), weight, 1e-13, "w");
        }

        [Fact]
        public void Negative_dim_below_minus_one_counts_from_the_end()
        {
            var layer = new WeightDimFromEnd();
            Assert.Equal(2, layer.Dim);
            Assert.Equal(3, layer.G.Length);
            Assert.Equal(new[] { 6, 5, 3, 11 }, layer.Shape.ToArray());
        }

        [Fact]
        public void Dim_minus_one_takes_one_norm_over_the_whole_weight_as_PyTorch()
        {
            var layer = new WholeWeight();
            Assert.Equal(-1, layer.Dim);
            Assert.Single(layer.G);
            Assert.Equal(6 * 5 * 3 * 11, layer.V.Length);
        }

        [Fact]
        public void Known_values_of_a_two_by_two_weight()
        {
            // Rows (3, 4) and (0, 5) have norms 5 and 5: w = g * v / 5.
            var layer = new SmallWeight();
            new float[] { 3, 4, 0, 5 }.CopyTo(layer.V, 0);
            new float[] { 10, 2 }.CopyTo(layer.G, 0);
            var weight = new float[4];
            layer.ComputeWeight(weight);
            AssertClose(new double[] { 6, 8, 0, 2 }, weight, 1e-6, "w");
        }

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        public void Float_matches_the_double_reference(int dim)
        {
            IWeightNormalization<float> layer = dim == 0 ? new FloatWeightDim0() : new FloatWeightDimLast();
            var v = Uniform(5, layer.V.Length, 0.5, 1.5);
            var g = Uniform(6, layer.G.Length, -2, 2);
            ToFloat(v).CopyTo(layer.V, 0);
            ToFloat(g).CopyTo(layer.G, 0);
            var weight = new float[v.Length];
            layer.ComputeWeight(weight);
            var expected = WeightNormReference.Weight(layer.Shape.ToArray(), dim, layer.V.Select(x => (double)x).ToArray(), layer.G.Select(x => (double)x).ToArray());
            AssertClose(expected, weight, 1e-5, "w");
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void InitializeFrom_gives_the_weight_back_with_g_the_row_norms(string name)
        {
            var layer = Layers[name]();
            var shape = layer.Shape.ToArray();
            var original = Uniform(21, layer.V.Length, -1, 1);
            layer.InitializeFrom(original);

            Assert.Equal(original, layer.V);
            AssertClose(WeightNormReference.Norms(shape, layer.Dim, original, 0), layer.G, 1e-14, "g");
            var weight = new double[original.Length];
            layer.ComputeWeight(weight);
            AssertClose(original, weight, 1e-14, "w");
        }

        [Theory]
        [MemberData(nameof(LayerNames))]
        public void Backward_matches_finite_differences(string name)
        {
            var (layer, shape, dim) = Random(name, 31);
            if (name == "Clamped")
            {
                // Row 2 below Epsilon = 0.5: its norm is clamped, so v reaches w only through the numerator.
                for (int j = 0; j < 7; j++)
                {
                    layer.V[2 * 7 + j] = 0.02 * (j - 3);
                }
            }

            var r = Uniform(32, layer.V.Length);
            layer.Backward(r);

            var v = layer.V.ToArray();
            var g = layer.G.ToArray();
            const double h = 1e-6;
            var expectedV = new double[v.Length];
            for (int i = 0; i < v.Length; i++)
            {
                var plus = v.ToArray();
                var minus = v.ToArray();
                plus[i] += h;
                minus[i] -= h;
                expectedV[i] = (WeightNormReference.Loss(shape, dim, plus, g, r, layer.Epsilon) - WeightNormReference.Loss(shape, dim, minus, g, r, layer.Epsilon)) / (2 * h);
            }

            var expectedG = new double[g.Length];
            for (int k = 0; k < g.Length; k++)
            {
                var plus = g.ToArray();
                var minus = g.ToArray();
                plus[k] += h;
                minus[k] -= h;
                expectedG[k] = (WeightNormReference.Loss(shape, dim, v, plus, r, layer.Epsilon) - WeightNormReference.Loss(shape, dim, v, minus, r, layer.Epsilon)) / (2 * h);
            }

            AssertClose(expectedV, layer.VGrad, 1e-7, "dv");
            AssertClose(expectedG, layer.GGrad, 1e-7, "dg");
        }

        [Fact]
        public void Backward_of_a_float_weight_matches_finite_differences_of_the_double_reference()
        {
            var layer = new FloatWeightDimLast();
            var v = Uniform(41, layer.V.Length, 0.5, 1.5);
            var g = Uniform(42, layer.G.Length, -2, 2);
            ToFloat(v).CopyTo(layer.V, 0);
            ToFloat(g).CopyTo(layer.G, 0);
            v = layer.V.Select(x => (double)x).ToArray();
            g = layer.G.Select(x => (double)x).ToArray();
            var r = Uniform(43, v.Length);
            layer.Backward(ToFloat(r));
            r = ToFloat(r).Select(x => (double)x).ToArray();

            var shape = layer.Shape.ToArray();
            const double h = 1e-6;
            var expectedG = g.Select((_, k) =>
            {
                var plus = g.ToArray();
                var minus = g.ToArray();
                plus[k] += h;
                minus[k] -= h;
                return (WeightNormReference.Loss(shape, 3, v, plus, r) - WeightNormReference.Loss(shape, 3, v, minus, r)) / (2 * h);
            }).ToArray();
            AssertClose(expectedG, layer.GGrad, 1e-4, "dg");
        }

        [Fact]
        public void Backward_accumulates_and_ZeroGrad_clears()
        {
            var (layer, _, _) = Random("Dim1", 51);
            var r = Uniform(52, layer.V.Length);
            layer.Backward(r);
            var onceV = layer.VGrad.ToArray();
            var onceG = layer.GGrad.ToArray();
            layer.Backward(r);
            AssertClose(onceV.Select(x => 2 * x).ToArray(), layer.VGrad, 1e-15, "dv twice");
            AssertClose(onceG.Select(x => 2 * x).ToArray(), layer.GGrad, 1e-15, "dg twice");

            layer.ZeroGrad();
            Assert.All(layer.VGrad, x => Assert.Equal(0d, x));
            Assert.All(layer.GGrad, x => Assert.Equal(0d, x));
        }

        [Fact]
        public void A_zero_row_gives_NaN_without_epsilon_as_PyTorch()
        {
            var layer = new VectorWeight();
            layer.V.AsSpan().Fill(1);
            layer.V[4] = 0;
            layer.G.AsSpan().Fill(3);
            var weight = new double[layer.V.Length];
            layer.ComputeWeight(weight);
            Assert.True(double.IsNaN(weight[4]));
            Assert.Equal(3d, weight[3]);
        }

        [Fact]
        public void A_zero_row_gives_zeros_and_finite_gradients_with_epsilon()
        {
            var layer = new ClampedWeight();
            Uniform(61, layer.V.Length, 0.5, 1.5).CopyTo(layer.V, 0);
            layer.V.AsSpan(7, 7).Clear();
            layer.G.AsSpan().Fill(2);
            var weight = new double[layer.V.Length];
            layer.ComputeWeight(weight);
            Assert.All(weight.Skip(7).Take(7), w => Assert.Equal(0d, w));

            var r = Uniform(62, layer.V.Length);
            layer.Backward(r);
            Assert.All(layer.VGrad, x => Assert.True(double.IsFinite(x)));
            Assert.Equal(0d, layer.GGrad[1]);
            // Clamped row: dv = (g / eps) * dw.
            AssertClose(r.Skip(7).Take(7).Select(d => 2 / 0.5 * d).ToArray(), layer.VGrad.Skip(7).Take(7).ToArray(), 1e-15, "dv of the zero row");
        }

        [Fact]
        public void Wrong_lengths_throw_and_change_nothing()
        {
            var (layer, _, _) = Random("Dim2", 71);
            layer.Backward(Uniform(72, layer.V.Length));
            var v = layer.V.ToArray();
            var g = layer.G.ToArray();
            var vGrad = layer.VGrad.ToArray();
            var gGrad = layer.GGrad.ToArray();
            var weight = Uniform(73, layer.V.Length - 1);
            var weightBefore = weight.ToArray();

            var compute = Assert.Throws<ArgumentException>(() => layer.ComputeWeight(weight));
            var backward = Assert.Throws<ArgumentException>(() => layer.Backward(new double[layer.V.Length + 1]));
            var initialize = Assert.Throws<ArgumentException>(() => layer.InitializeFrom(new double[3]));

            Assert.Contains("989", compute.Message);
            Assert.Contains("990", compute.Message);
            Assert.Contains("991", backward.Message);
            Assert.Contains("[6, 5, 3, 11]", initialize.Message);
            Assert.Equal("weightGrad", backward.ParamName);
            Assert.Equal(v, layer.V);
            Assert.Equal(g, layer.G);
            Assert.Equal(vGrad, layer.VGrad);
            Assert.Equal(gGrad, layer.GGrad);
            Assert.Equal(weightBefore, weight);
        }

        [Fact]
        public void Calls_do_not_allocate()
        {
            var layer = new WeightDim1();
            var floatLayer = new FloatWeightDimLast();
            var weight = Uniform(81, layer.V.Length);
            var floatWeight = ToFloat(weight);
            long allocated = AllocatedBy(() =>
            {
                layer.InitializeFrom(weight);
                layer.ComputeWeight(weight);
                layer.Backward(weight);
                layer.ZeroGrad();
                floatLayer.InitializeFrom(floatWeight);
                floatLayer.ComputeWeight(floatWeight);
                floatLayer.Backward(floatWeight);
                _ = layer.Shape;
            });
            Assert.Equal(0, allocated);
        }
    }
}
