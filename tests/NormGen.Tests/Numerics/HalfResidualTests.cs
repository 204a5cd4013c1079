using System;
using System.Linq;
using NormGen.Tests.Harness;
using Xunit;
using Xunit.Abstractions;
using static NormGen.Tests.Numerics.HalfLayerTests;
using static NormGen.Tests.Numerics.ResidualCallTests;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// Half layers with a residual (Layers/HalfResidualLayers.cs) against their float twins, on the same Half-rounded x, r,
    /// dy and the same float parameters, as <see cref="HalfLayerTests"/> checks the plain calls. Before the activation, r
    /// is added in float and y rounded once, so y, dx and dr are the twin's rounded once. Before the norm, s = x + r is
    /// rounded to Half when stored and the norm takes that rounded s, as a half-precision module would receive it: s is
    /// the exact sum rounded, and y the twin's on the rounded s, rounded once. Its backward adds the skip gradient to the
    /// norm's Half gradient in float and rounds the sum, as PyTorch accumulates two half gradients of one tensor.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class HalfResidualTests(ITestOutputHelper output)
    {
        public static TheoryData<string> BeforeActivation => Layers(typeof(IResidualNormalizationLayer<,>));

        public static TheoryData<string> BeforeNorm => Layers(typeof(ISkipNormalizationLayer<,>));

        [Fact]
        public void Both_forms_are_declared_over_several_kinds_with_Half_tensors()
        {
            foreach (var form in new[] { NormResidual.BeforeActivation, NormResidual.BeforeNorm })
            {
                var declared = DeclaredLayer.Halves.Values.Where(l => l.Spec.Residual == form).ToArray();
                Assert.Contains(declared, l => l.Spec.Axes == "C" && l.Spec.Center);
                Assert.Contains(declared, l => l.Spec.Axes == "C" && !l.Spec.Center);
                Assert.Contains(declared, l => l.Spec.Axes == "N,H,W" && l.Spec.Layout == "NCHW");
                Assert.Contains(declared, l => l.Spec.Groups > 0);
                Assert.Contains(declared, l => l.Spec.Activation == NormActivation.Relu);
                Assert.Contains(declared, l => l.Spec.Activation == NormActivation.None);
            }

            Assert.Contains(DeclaredLayer.Halves.Values, l => l.Spec.Residual == NormResidual.BeforeNorm && l.Spec.Activation == NormActivation.Gelu);
        }

        /// <summary>Two training steps, then two eval steps: y = act(norm(x) + r), dx and dr against the twin's.</summary>
        [Theory]
        [MemberData(nameof(BeforeActivation))]
        public void Residual_before_the_activation_is_the_float_twin_rounded_once(string name)
        {
            var declared = DeclaredLayer.Halves[name];
            var half = (IResidualNormalizationLayer<Half, float>)declared.Create();
            var twin = (IResidualNormalizationLayer<float>)FloatTwin(declared).Create();
            int[] shape = declared.StandardShape();
            int count = shape.Aggregate(1, (a, b) => a * b);
            var random = new Random(20261205);
            SameParameters(half, twin, random);
            for (int step = 0; step < 4; step++)
            {
                half.Training = twin.Training = step < 2;
                string when = $"{name} step {step} ({(step < 2 ? "training" : "eval")})";
                var (x, xf) = RandomHalves(random, count, 0.5, 2);
                var (r, rf) = RandomHalves(random, count, 0, 1.5);
                var (dy, dyf) = RandomHalves(random, count, 0, 1);

                var y = new Half[count];
                var yf = new float[count];
                half.Forward(x, r, y, shape);
                twin.Forward(xf, rf, yf, shape);
                AssertRoundedOnce(output, $"{when} y", y, yf);
                AssertFloatClose($"{when} running mean", half.RunningMean, twin.RunningMean);
                AssertFloatClose($"{when} running var", half.RunningVar, twin.RunningVar);

                var dx = new Half[count];
                var dr = new Half[count];
                var dxf = new float[count];
                var drf = new float[count];
                half.Backward(x, r, dy, dx, dr, shape);
                twin.Backward(xf, rf, dyf, dxf, drf, shape);
                AssertRoundedOnce(output, $"{when} dr", dr, drf);
                AssertRoundedOnce(output, $"{when} dx", dx, dxf);
                AssertFloatClose($"{when} weight gradient", half.WeightGrad, twin.WeightGrad);
                AssertFloatClose($"{when} bias gradient", half.BiasGrad, twin.BiasGrad);
            }
        }

        /// <summary>Two training steps, then two eval steps: s is x + r rounded to Half; y the twin's on that s; ds the
        /// norm's Half gradient plus the skip gradient, rounded; the norm's gradient (the plain Backward) the twin's on s.</summary>
        [Theory]
        [MemberData(nameof(BeforeNorm))]
        public void Residual_before_the_norm_rounds_the_sum_and_normalises_it_as_rounded(string name)
        {
            var declared = DeclaredLayer.Halves[name];
            var half = (ISkipNormalizationLayer<Half, float>)declared.Create();
            var twin = (ISkipNormalizationLayer<float>)FloatTwin(declared).Create();
            int[] shape = declared.StandardShape();
            int count = shape.Aggregate(1, (a, b) => a * b);
            var random = new Random(20261206);
            SameParameters(half, twin, random);
            for (int step = 0; step < 4; step++)
            {
                half.Training = twin.Training = step < 2;
                string when = $"{name} step {step} ({(step < 2 ? "training" : "eval")})";
                var (x, _) = RandomHalves(random, count, 0.5, 2);
                var (r, _) = RandomHalves(random, count, 0, 1.5);
                var (dy, dyf) = RandomHalves(random, count, 0, 1);
                var (sumGrad, _) = RandomHalves(random, count, 0, 1);

                var s = new Half[count];
                var y = new Half[count];
                half.Forward(x, r, s, y, shape);

                // The sum of two halves is exact in double: rounding it once is the correctly rounded Half sum.
                var expectedSum = x.Zip(r, (a, b) => (Half)((double)a + (double)b)).ToArray();
                Assert.Equal(expectedSum.Select(BitConverter.HalfToInt16Bits), s.Select(BitConverter.HalfToInt16Bits));
                Assert.Contains(Enumerable.Range(0, count), i => (double)s[i] != (double)x[i] + (double)r[i]);
                float[] sf = s.Select(v => (float)v).ToArray();
                var yf = new float[count];
                twin.Forward(sf, yf, shape);
                AssertRoundedOnce(output, $"{when} y", y, yf);
                AssertFloatClose($"{when} running mean", half.RunningMean, twin.RunningMean);
                AssertFloatClose($"{when} running var", half.RunningVar, twin.RunningVar);

                var ds = new Half[count];
                var dsf = new float[count];
                half.Backward(s, dy, sumGrad, ds, shape);
                twin.Backward(sf, dyf, dsf, shape);
                AssertFloatClose($"{when} weight gradient", half.WeightGrad, twin.WeightGrad);
                AssertFloatClose($"{when} bias gradient", half.BiasGrad, twin.BiasGrad);

                var normGrad = new Half[count];
                half.ZeroGrad();
                half.Backward(s, dy, normGrad, shape);
                AssertRoundedOnce(output, $"{when} norm'(s) dy", normGrad, dsf);
                var expected = normGrad.Zip(sumGrad, (a, b) => (Half)((double)a + (double)b)).ToArray();
                Assert.Equal(expected.Select(BitConverter.HalfToInt16Bits), ds.Select(BitConverter.HalfToInt16Bits));
                half.ZeroGrad();
                twin.ZeroGrad();
            }
        }

        [Fact]
        public void Wrong_lengths_overlaps_and_backward_without_forward_throw_before_anything_is_written()
        {
            var declared = DeclaredLayer.Halves["NormGen.Tests.Layers.ResidualBatchNormReluHalf"];
            var layer = (IResidualNormalizationLayer<Half, float>)declared.Create();
            int[] shape = declared.StandardShape();
            int n = shape.Aggregate(1, (a, b) => a * b);
            var random = new Random(3);
            var (x, _) = RandomHalves(random, n, 0.5, 2);
            var (r, _) = RandomHalves(random, n, 0, 1);
            var (dy, _) = RandomHalves(random, n, 0, 1);
            var dx = Filled(n);
            var dr = Filled(n);
            var output = Filled(n);
            var error = Assert.Throws<InvalidOperationException>(() => layer.Backward(x, r, dy, dx, dr, shape));
            Assert.Contains("Forward", error.Message, StringComparison.Ordinal);
            AssertUnchanged(dx, dr);

            layer.Forward(x, r, new Half[n], shape);
            float[] runningMean = layer.RunningMean!.ToArray();
            AssertThrowsAndKeeps(() => layer.Forward(x, r.AsSpan(1), output, shape), "residual", output);
            AssertThrowsAndKeeps(() => layer.Backward(x, r.AsSpan(1), dy, dx, dr, shape), "residual", dx, dr);
            AssertThrowsAndKeeps(() => layer.Backward(x, r, dy, dx, dr.AsSpan(1), shape), "residualGrad", dx, dr);
            var shared = Filled(n + 1);
            r.CopyTo(shared, 1);
            AssertThrowsAndKeeps(() => layer.Forward(x, shared.AsSpan(1), shared.AsSpan(0, n), shape), "output", shared);
            AssertThrowsAndKeeps(() => layer.Backward(x, r, dy, dx, dx, shape), "residualGrad", dx);
            Assert.Equal(runningMean, layer.RunningMean!);
            Assert.All(layer.WeightGrad!, g => Assert.Equal(0f, g));

            var skipDeclared = DeclaredLayer.Halves["NormGen.Tests.Layers.SkipLayerNormHalf"];
            var skip = (ISkipNormalizationLayer<Half, float>)skipDeclared.Create();
            int[] skipShape = skipDeclared.StandardShape();
            int m = skipShape.Aggregate(1, (a, b) => a * b);
            var (sx, _) = RandomHalves(random, m, 0.5, 2);
            var (sr, _) = RandomHalves(random, m, 0, 1);
            var (sumGrad, _) = RandomHalves(random, m, 0, 1);
            var s = Filled(m);
            var sy = Filled(m);
            var ds = Filled(m);
            Assert.Throws<InvalidOperationException>(() => skip.Backward(sx, sy, sumGrad, ds, skipShape));
            AssertUnchanged(ds);
            AssertThrowsAndKeeps(() => skip.Forward(sx, sr.AsSpan(1), s, sy, skipShape), "residual", s, sy);
            AssertThrowsAndKeeps(() => skip.Forward(sx, sr, s.AsSpan(1), sy, skipShape), "sum", s, sy);
            AssertThrowsAndKeeps(() => skip.Forward(sx, sr, s, s, skipShape), "output", s);
            skip.Forward(sx, sr, s, sy, skipShape);
            AssertThrowsAndKeeps(() => skip.Backward(s, sy, sumGrad.AsSpan(1), ds, skipShape), "sumGrad", ds);
            AssertThrowsAndKeeps(() => skip.Backward(s, sy, ds, ds, skipShape), "inputGrad", ds);
            Assert.All(skip.WeightGrad!, g => Assert.Equal(0f, g));
        }

        /// <summary>A NaN or an infinity in r: before the activation it reaches y at its own index alone (y = norm(x) + r);
        /// before the norm it is s there, and the statistic of its row makes that whole row of y NaN, as PyTorch's.</summary>
        [Fact]
        public void NaN_and_infinity_in_the_residual_propagate()
        {
            var declared = DeclaredLayer.Halves["NormGen.Tests.Layers.ResidualLayerNormHalf"];
            var layer = (IResidualNormalizationLayer<Half, float>)declared.Create();
            int[] shape = declared.StandardShape();
            int n = shape.Aggregate(1, (a, b) => a * b);
            int channels = shape[^1];
            var random = new Random(5);
            var (x, _) = RandomHalves(random, n, 0.5, 2);
            var (r, _) = RandomHalves(random, n, 0, 1);
            r[3] = Half.NaN;
            r[channels + 2] = Half.PositiveInfinity;
            r[(2 * channels) + 1] = Half.NegativeInfinity;
            var y = new Half[n];
            layer.Forward(x, r, y, shape);
            Assert.True(Half.IsNaN(y[3]));
            Assert.Equal(Half.PositiveInfinity, y[channels + 2]);
            Assert.Equal(Half.NegativeInfinity, y[(2 * channels) + 1]);
            Assert.Equal(n - 3, y.Count(Half.IsFinite));

            var skipDeclared = DeclaredLayer.Halves["NormGen.Tests.Layers.SkipLayerNormHalf"];
            var skip = (ISkipNormalizationLayer<Half, float>)skipDeclared.Create();
            var s = new Half[n];
            skip.Forward(x, r, s, y, shape);
            Assert.True(Half.IsNaN(s[3]));
            Assert.Equal(Half.PositiveInfinity, s[channels + 2]);
            Assert.Equal(Half.NegativeInfinity, s[(2 * channels) + 1]);
            for (int i = 0; i < n; i++)
            {
                Assert.True(i < 3 * channels ? Half.IsNaN(y[i]) : Half.IsFinite(y[i]), $"y[{i}] = {y[i]}");
            }
        }

        private static TheoryData<string> Layers(Type form)
        {
            var data = new TheoryData<string>();
            foreach (var layer in DeclaredLayer.Halves.Values
                .Where(l => l.Type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == form))
                .OrderBy(l => l.Name, StringComparer.Ordinal))
            {
                data.Add(layer.Name);
            }

            return data;
        }

        private static void SameParameters(INormalizationLayer<Half, float> half, INormalizationLayer<float> twin, Random random)
        {
            for (int p = 0; p < (half.Weight?.Length ?? 0); p++)
            {
                half.Weight![p] = twin.Weight![p] = (float)(1 + (random.NextDouble() - 0.5));
            }

            for (int p = 0; p < (half.Bias?.Length ?? 0); p++)
            {
                half.Bias![p] = twin.Bias![p] = (float)(random.NextDouble() - 0.5);
            }
        }

        private static Half[] Filled(int count) => Enumerable.Repeat((Half)7, count).ToArray();

        private static void AssertUnchanged(params Half[][] arrays)
        {
            foreach (var array in arrays)
            {
                Assert.All(array, v => Assert.Equal((Half)7, v));
            }
        }
    }
}
