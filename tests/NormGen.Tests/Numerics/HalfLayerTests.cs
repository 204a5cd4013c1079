using System;
using System.Linq;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// Every <c>[Normalize&lt;Half&gt;]</c> layer against its float twin (declared alike, Layers/HalfLayers.cs), on the same
    /// input rounded to Half and the same float parameters: training and eval, Forward and Backward.
    /// A Half layer widens each value exactly and runs the float arithmetic its twin runs, then rounds once when it stores.
    /// Where both take the same kernels its tensors are therefore the twin's, rounded to Half: bit for bit. Where they
    /// take different kernels (a Half statistic fits in cache up to twice as many values, since its values take half the
    /// bytes; a float channels-first BatchNorm with short runs goes to the runtime's row kernels, which convert nothing),
    /// the two float results differ by the reordering of float sums, a few float ulps of the terms, and the Half result
    /// is within one Half ulp of the twin's rounded result, or within that float difference where the terms cancel.
    /// Float state (parameter gradients, running statistics) is the twin's: equal where the kernels are, else within
    /// the suite's float tolerance, the reordering of the same float sums.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class HalfLayerTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        public static TheoryData<string> Layers
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (var name in DeclaredLayer.Halves.Keys.Order(StringComparer.Ordinal))
                {
                    data.Add(name);
                }

                return data;
            }
        }

        [Fact]
        public void Every_float_layer_has_a_half_twin()
        {
            Assert.True(DeclaredLayer.Halves.Count >= 80, $"{DeclaredLayer.Halves.Count} Half layers");
            foreach (var half in DeclaredLayer.Halves.Values)
            {
                var twin = FloatTwin(half);
                Assert.Equal(twin.Spec, half.Spec);
            }
        }

        [Theory]
        [MemberData(nameof(Layers))]
        public void Half_layer_is_its_float_twin_rounded_once(string name)
        {
            var declared = DeclaredLayer.Halves[name];
            var twinDeclared = FloatTwin(declared);
            var half = (INormalizationLayer<Half, float>)declared.Create();
            var twin = (INormalizationLayer<float>)twinDeclared.Create();
            var shape = declared.StandardShape();
            int count = shape.Aggregate(1, (a, b) => a * b);
            var random = new Random(20261204);
            if (half.Weight is not null)
            {
                for (int p = 0; p < half.Weight.Length; p++)
                {
                    half.Weight[p] = twin.Weight![p] = (float)(1 + (random.NextDouble() - 0.5));
                }
            }

            if (half.Bias is not null)
            {
                for (int p = 0; p < half.Bias.Length; p++)
                {
                    half.Bias[p] = twin.Bias![p] = (float)(random.NextDouble() - 0.5);
                }
            }

            foreach (bool training in new[] { true, false })
            {
                half.Training = twin.Training = training;
                string mode = training ? "training" : "eval";
                var (x, xf) = RandomHalves(random, count, 0.5, 2);
                var (dy, dyf) = RandomHalves(random, count, 0, 1);

                var y = new Half[count];
                var yf = new float[count];
                half.Forward(x, y, shape);
                twin.Forward(xf, yf, shape);
                AssertRoundedOnce(output, $"{name} {mode} output", y, yf);
                AssertFloatClose($"{name} running mean after {mode}", half.RunningMean, twin.RunningMean);
                AssertFloatClose($"{name} running var after {mode}", half.RunningVar, twin.RunningVar);

                var dx = new Half[count];
                var dxf = new float[count];
                half.Backward(x, dy, dx, shape);
                twin.Backward(xf, dyf, dxf, shape);
                AssertRoundedOnce(output, $"{name} {mode} input gradient", dx, dxf);
                AssertFloatClose($"{name} weight gradient after {mode}", half.WeightGrad, twin.WeightGrad);
                AssertFloatClose($"{name} bias gradient after {mode}", half.BiasGrad, twin.BiasGrad);
            }
        }

        internal static DeclaredLayer FloatTwin(DeclaredLayer half) =>
            DeclaredLayer.Named(half.Name.Substring(0, half.Name.Length - "Half".Length) + "Float");

        /// <summary>Uniform values in centre ± spread rounded to Half, and the same values as float.</summary>
        internal static (Half[] Halves, float[] Floats) RandomHalves(Random random, int count, double centre, double spread)
        {
            var halves = new Half[count];
            for (int i = 0; i < count; i++)
            {
                halves[i] = (Half)(centre + (spread * ((2 * random.NextDouble()) - 1)));
            }

            return (halves, halves.Select(h => (float)h).ToArray());
        }

        /// <summary>Each Half is the float rounded to Half, or, where the float kernels differ, within one Half ulp of it
        /// or within the float difference those kernels allow (4 float ulps of the largest value: reordered sums).</summary>
        internal static void AssertRoundedOnce(Xunit.Abstractions.ITestOutputHelper output, string quantity, Half[] actual, float[] twin)
        {
            float scale = twin.Select(MathF.Abs).Where(float.IsFinite).DefaultIfEmpty(0).Max();
            double floatSlack = 4 * scale * MathF.Pow(2, -23);
            int differing = HalfAssert.RoundedOnce(quantity, actual, twin.Select(v => (double)v).ToArray(), floatSlack);
            output.WriteLine($"{quantity}: {differing} of {actual.Length} differ from the twin's, rounded");
            Assert.True(differing <= actual.Length / 20, $"{quantity}: {differing} of {actual.Length} values differ from the twin's rounded; the kernels should agree far more often.");
        }

        internal static void AssertFloatClose(string quantity, float[]? actual, float[]? twin)
        {
            Assert.Equal(twin is null, actual is null);
            if (actual is null || twin is null)
            {
                return;
            }

            NumericAssert.Close(quantity, twin.Select(v => (double)v).ToArray(), actual.Select(v => (double)v).ToArray(), Tolerances.FloatRelative);
        }
    }
}
