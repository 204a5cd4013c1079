using System;
using System.Linq;
using System.Numerics;
using NormGen.Runtime;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// A fused residual against the unfused sequence of the same normalisation (the layer, then the add, then the
    /// activation, as separate steps with NormGen's own pieces); gradients by central differences; the spans that may
    /// and may not share memory; and bad input, which throws before anything is written.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class ResidualCallTests
    {
        [Theory]
        [InlineData("ResidualBatchNormReluFloat", "UnfusedBatchNormFloat")]
        [InlineData("ResidualLayerNormGeluFloat", "UnfusedLayerNormFloat")]
        [InlineData("ResidualGroupNormGeluTanhFloat", "UnfusedGroupNormFloat")]
        [InlineData("ResidualBatchNormNhwcGeluDouble", "UnfusedBatchNormNhwcDouble")]
        public void Before_the_activation_equals_norm_then_add_then_activation(string fusedName, string plainName)
        {
            var declared = Declared(fusedName);
            if (declared.ElementType == typeof(float))
            {
                BeforeActivationAgainstUnfused<float>(declared, Declared(plainName));
            }
            else
            {
                BeforeActivationAgainstUnfused<double>(declared, Declared(plainName));
            }
        }

        [Theory]
        [InlineData("SkipLayerNormFloat", "UnfusedLayerNormFloat")]
        [InlineData("SkipBatchNormFloat", "UnfusedBatchNormFloat")]
        [InlineData("SkipGroupNormSiluFloat", "UnfusedGroupNormFloat")]
        public void Before_the_norm_equals_add_then_norm_then_activation(string fusedName, string plainName)
        {
            var declared = Declared(fusedName);
            var fused = (ISkipNormalizationLayer<float>)declared.Create();
            var plain = (INormalizationLayer<float>)Declared(plainName).Create();
            var activation = declared.Spec.Activation;
            int[] shape = declared.StandardShape();
            var random = new Random(18);
            SameParameters(fused, plain, random);
            for (int step = 0; step < 3; step++)
            {
                bool training = step < 2;
                fused.Training = plain.Training = training;
                float[] x = Values<float>(random, shape), r = Values<float>(random, shape), dy = Values<float>(random, shape), skip = Values<float>(random, shape);
                var s = new float[x.Length];
                var y = new float[x.Length];
                fused.Forward(x, r, s, y, shape);

                float[] sum = x.Zip(r, (a, b) => a + b).ToArray();
                var n = new float[x.Length];
                plain.Forward(sum, n, shape);
                float[] expected = n.Select(z => Apply(activation, z)).ToArray();
                Close($"{fusedName} s step {step}", sum, s);
                Close($"{fusedName} y step {step}", expected, y);

                var ds = new float[x.Length];
                fused.Backward(s, dy, skip, ds, shape);
                float[] dz = n.Zip(dy, (z, g) => ApplyBackward(activation, z, g)).ToArray();
                var dsPlain = new float[x.Length];
                plain.Backward(sum, dz, dsPlain, shape);
                Close($"{fusedName} ds step {step}", dsPlain.Zip(skip, (a, b) => a + b).ToArray(), ds);
                Close($"{fusedName} weight grad step {step}", plain.WeightGrad!, fused.WeightGrad!);
            }
        }

        public static TheoryData<string> FiniteDifferenceLayers => new()
        {
            "ResidualBatchNormNhwcGeluDouble", "ResidualGroupNormNhwcSiluDouble", "ResidualRmsNormSiluDouble", "ResidualLayerNormDouble",
            "SkipLayerNormDouble", "SkipLayerNormGeluDouble",
        };

        /// <summary>L = sum(w * y) (+ sum(v * s) for the residual before the norm, since s feeds the next block too): dL/dx
        /// and dL/dr by central differences against Backward, in training mode (the statistics move with x and r).</summary>
        [Theory]
        [MemberData(nameof(FiniteDifferenceLayers))]
        public void Gradients_of_input_and_residual_match_central_differences(string name)
        {
            var declared = Declared(name);
            var layer = (INormalizationLayer<double>)declared.Create();
            int[] shape = declared.StandardShape();
            var random = new Random(4);
            SameParameters(layer, null, random);
            double[] x = Values<double>(random, shape), r = Values<double>(random, shape), w = Values<double>(random, shape), v = Values<double>(random, shape);
            var dx = new double[x.Length];
            var dr = new double[x.Length];
            Func<double> loss;
            if (layer is IResidualNormalizationLayer<double> residual)
            {
                var y = new double[x.Length];
                residual.Forward(x, r, y, shape);
                residual.Backward(x, r, w, dx, dr, shape);
                loss = () =>
                {
                    residual.Forward(x, r, y, shape);
                    return y.Zip(w, (a, b) => a * b).Sum();
                };
            }
            else
            {
                var skip = (ISkipNormalizationLayer<double>)layer;
                var s = new double[x.Length];
                var y = new double[x.Length];
                skip.Forward(x, r, s, y, shape);
                skip.Backward(s, w, v, dx, shape);
                dx.CopyTo(dr, 0);
                loss = () =>
                {
                    skip.Forward(x, r, s, y, shape);
                    return y.Zip(w, (a, b) => a * b).Sum() + s.Zip(v, (a, b) => a * b).Sum();
                };
            }

            int[] samples = Enumerable.Range(0, x.Length).OrderBy(_ => random.Next()).Take(12).Order().ToArray();
            NumericAssert.Close($"{name} dL/dx", samples.Select(i => FiniteDifferenceTests.Difference(x, i, loss)).ToArray(), samples.Select(i => dx[i]).ToArray(), Tolerances.FiniteDifferenceRelative);
            NumericAssert.Close($"{name} dL/dr", samples.Select(i => FiniteDifferenceTests.Difference(r, i, loss)).ToArray(), samples.Select(i => dr[i]).ToArray(), Tolerances.FiniteDifferenceRelative);
        }

        [Fact]
        public void Output_may_be_the_residual_and_residualGrad_the_outputGrad()
        {
            var declared = Declared("ResidualBatchNormNhwcGeluDouble");
            int[] shape = declared.StandardShape();
            var random = new Random(7);
            double[] x = Values<double>(random, shape), r = Values<double>(random, shape), dy = Values<double>(random, shape);
            var apart = (IResidualNormalizationLayer<double>)declared.Create();
            var inPlace = (IResidualNormalizationLayer<double>)declared.Create();
            var y = new double[x.Length];
            var dx = new double[x.Length];
            var dr = new double[x.Length];
            apart.Forward(x, r, y, shape);
            apart.Backward(x, r, dy, dx, dr, shape);

            double[] buffer = r.ToArray();
            inPlace.Forward(x, buffer, buffer, shape);
            Assert.Equal(y, buffer);
            double[] gradient = dy.ToArray();
            var dxInPlace = new double[x.Length];
            inPlace.Backward(x, r, gradient, dxInPlace, gradient, shape);
            Assert.Equal(dr, gradient);
            Assert.Equal(dx, dxInPlace);
        }

        [Fact]
        public void Sum_may_be_the_input_and_output_the_residual()
        {
            var declared = Declared("SkipLayerNormGeluDouble");
            int[] shape = declared.StandardShape();
            var random = new Random(9);
            double[] x = Values<double>(random, shape), r = Values<double>(random, shape);
            var apart = (ISkipNormalizationLayer<double>)declared.Create();
            var inPlace = (ISkipNormalizationLayer<double>)declared.Create();
            var s = new double[x.Length];
            var y = new double[x.Length];
            apart.Forward(x, r, s, y, shape);

            double[] stream = x.ToArray();
            double[] branch = r.ToArray();
            inPlace.Forward(stream, branch, stream, branch, shape);
            Assert.Equal(s, stream);
            Assert.Equal(y, branch);
        }

        [Fact]
        public void Wrong_lengths_and_overlaps_throw_before_anything_is_written()
        {
            var declared = Declared("ResidualBatchNormReluFloat");
            var layer = (IResidualNormalizationLayer<float>)declared.Create();
            int[] shape = declared.StandardShape();
            int n = shape.Aggregate(1, (a, b) => a * b);
            var random = new Random(3);
            float[] x = Values<float>(random, shape), r = Values<float>(random, shape), dy = Values<float>(random, shape);
            var y = new float[n];
            layer.Forward(x, r, y, shape);
            float[] runningMean = layer.RunningMean!.ToArray();
            var dx = Enumerable.Repeat(7f, n).ToArray();
            var dr = Enumerable.Repeat(7f, n).ToArray();
            var output = Enumerable.Repeat(7f, n).ToArray();

            AssertThrowsAndKeeps(() => layer.Forward(x, r.AsSpan(1), output, shape), "residual", output);
            AssertThrowsAndKeeps(() => layer.Backward(x, r.AsSpan(1), dy, dx, dr, shape), "residual", dx, dr);
            AssertThrowsAndKeeps(() => layer.Backward(x, r, dy, dx, dr.AsSpan(1), shape), "residualGrad", dx, dr);
            var shared = Enumerable.Repeat(7f, n + 1).ToArray();
            r.CopyTo(shared, 1);
            AssertThrowsAndKeeps(() => layer.Forward(x, shared.AsSpan(1), shared.AsSpan(0, n), shape), "output", shared);
            AssertThrowsAndKeeps(() => layer.Backward(x, r, dy, dx, dx, shape), "residualGrad", dx);
            AssertThrowsAndKeeps(() => layer.Forward(x, output, shape.Take(3).ToArray()), "shape", output);
            Assert.Equal(runningMean, layer.RunningMean!);
            Assert.All(layer.WeightGrad!, g => Assert.Equal(0f, g));

            var skipDeclared = Declared("SkipLayerNormFloat");
            var skip = (ISkipNormalizationLayer<float>)skipDeclared.Create();
            int[] skipShape = skipDeclared.StandardShape();
            int m = skipShape.Aggregate(1, (a, b) => a * b);
            float[] sx = Values<float>(random, skipShape), sr = Values<float>(random, skipShape);
            var s = Enumerable.Repeat(7f, m).ToArray();
            var sy = Enumerable.Repeat(7f, m).ToArray();
            AssertThrowsAndKeeps(() => skip.Forward(sx, sr.AsSpan(1), s, sy, skipShape), "residual", s, sy);
            AssertThrowsAndKeeps(() => skip.Forward(sx, sr, s.AsSpan(1), sy, skipShape), "sum", s, sy);
            AssertThrowsAndKeeps(() => skip.Forward(sx, sr, s, s, skipShape), "output", s);
            skip.Forward(sx, sr, s, sy, skipShape);
            var ds = Enumerable.Repeat(7f, m).ToArray();
            float[] sumGrad = Values<float>(random, skipShape);
            AssertThrowsAndKeeps(() => skip.Backward(s, sy, sumGrad.AsSpan(1), ds, skipShape), "sumGrad", ds);
            AssertThrowsAndKeeps(() => skip.Backward(s, sy, ds, ds, skipShape), "inputGrad", ds);
            Assert.All(skip.WeightGrad!, g => Assert.Equal(0f, g));
        }

        internal delegate void Call();

        /// <summary>The call throws an <see cref="ArgumentException"/> naming <paramref name="parameter"/>, and each array
        /// of <paramref name="untouched"/> is as before it.</summary>
        internal static void AssertThrowsAndKeeps<TElement>(Call call, string parameter, params TElement[][] untouched)
        {
            TElement[][] before = untouched.Select(a => a.ToArray()).ToArray();
            var error = Assert.ThrowsAny<ArgumentException>(() => call());
            Assert.Equal(parameter, error.ParamName);
            for (int i = 0; i < untouched.Length; i++)
            {
                Assert.Equal(before[i], untouched[i]);
            }
        }

        private static void BeforeActivationAgainstUnfused<T>(DeclaredLayer declared, DeclaredLayer plainDeclared)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var fused = (IResidualNormalizationLayer<T>)declared.Create();
            var plain = (INormalizationLayer<T>)plainDeclared.Create();
            var activation = declared.Spec.Activation;
            int[] shape = declared.StandardShape();
            var random = new Random(17);
            SameParameters(fused, plain, random);
            for (int step = 0; step < 3; step++)
            {
                bool training = step < 2;
                fused.Training = plain.Training = training;
                T[] x = Values<T>(random, shape), r = Values<T>(random, shape), dy = Values<T>(random, shape);
                var y = new T[x.Length];
                fused.Forward(x, r, y, shape);
                var n = new T[x.Length];
                plain.Forward(x, n, shape);
                T[] z = n.Zip(r, (a, b) => a + b).ToArray();
                Close($"{declared.Name} y step {step}", z.Select(v => Apply(activation, v)).ToArray(), y);

                var dx = new T[x.Length];
                var dr = new T[x.Length];
                fused.Backward(x, r, dy, dx, dr, shape);
                T[] dz = z.Zip(dy, (v, g) => ApplyBackward(activation, v, g)).ToArray();
                var dxPlain = new T[x.Length];
                plain.Backward(x, dz, dxPlain, shape);
                Close($"{declared.Name} dr step {step}", dz, dr);
                Close($"{declared.Name} dx step {step}", dxPlain, dx);
                Close($"{declared.Name} weight grad step {step}", plain.WeightGrad!, fused.WeightGrad!);
                Close($"{declared.Name} running mean step {step}", plain.RunningMean ?? Array.Empty<T>(), fused.RunningMean ?? Array.Empty<T>());
            }
        }

        /// <summary>Within four roundings of the element type, relative to the array's largest value: the fused and unfused
        /// sequences round the same operations in the same order, so they differ by at most that.</summary>
        private static void Close<T>(string quantity, T[] expected, T[] actual)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            NumericAssert.Close(quantity, expected.Select(double.CreateTruncating).ToArray(), actual.Select(double.CreateTruncating).ToArray(), 4 * (typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52)));

        private static T Apply<T>(NormActivation activation, T z)
            where T : unmanaged, IFloatingPointIeee754<T> => typeof(T) == typeof(float)
            ? (T)(object)ForwardFloat(activation, (float)(object)z)
            : (T)(object)ForwardDouble(activation, (double)(object)z);

        private static T ApplyBackward<T>(NormActivation activation, T z, T dy)
            where T : unmanaged, IFloatingPointIeee754<T> => typeof(T) == typeof(float)
            ? (T)(object)BackwardFloat(activation, (float)(object)z, (float)(object)dy)
            : (T)(object)BackwardDouble(activation, (double)(object)z, (double)(object)dy);

        private static float ForwardFloat(NormActivation a, float z) => a switch
        {
            NormActivation.Relu => Activations.Relu(z),
            NormActivation.Silu => Activations.Silu(z),
            NormActivation.Gelu => Activations.Gelu(z),
            NormActivation.GeluTanh => Activations.GeluTanh(z),
            _ => z,
        };

        private static double ForwardDouble(NormActivation a, double z) => a switch
        {
            NormActivation.Relu => Activations.Relu(z),
            NormActivation.Silu => Activations.Silu(z),
            NormActivation.Gelu => Activations.Gelu(z),
            NormActivation.GeluTanh => Activations.GeluTanh(z),
            _ => z,
        };

        private static float BackwardFloat(NormActivation a, float z, float dy) => a switch
        {
            NormActivation.Relu => Activations.ReluBackward(z, dy),
            NormActivation.Silu => Activations.SiluBackward(z, dy),
            NormActivation.Gelu => Activations.GeluBackward(z, dy),
            NormActivation.GeluTanh => Activations.GeluTanhBackward(z, dy),
            _ => dy,
        };

        private static double BackwardDouble(NormActivation a, double z, double dy) => a switch
        {
            NormActivation.Relu => Activations.ReluBackward(z, dy),
            NormActivation.Silu => Activations.SiluBackward(z, dy),
            NormActivation.Gelu => Activations.GeluBackward(z, dy),
            NormActivation.GeluTanh => Activations.GeluTanhBackward(z, dy),
            _ => dy,
        };

        private static DeclaredLayer Declared(string name) => DeclaredLayer.Named("NormGen.Tests.Layers." + name);

        private static T[] Values<T>(Random random, int[] shape)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => T.CreateTruncating((2 * random.NextDouble()) - 1 + (0.3 * random.NextDouble()))).ToArray();

        /// <summary>Random weights and biases, the same in both layers (the second may be null).</summary>
        private static void SameParameters<T>(INormalizationLayer<T> first, INormalizationLayer<T>? second, Random random)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int p = 0; p < (first.Weight?.Length ?? 0); p++)
            {
                first.Weight![p] = T.CreateTruncating(0.5 + random.NextDouble());
                if (second is not null)
                {
                    second.Weight![p] = first.Weight[p];
                }
            }

            for (int p = 0; p < (first.Bias?.Length ?? 0); p++)
            {
                first.Bias![p] = T.CreateTruncating(random.NextDouble() - 0.5);
                if (second is not null)
                {
                    second.Bias![p] = first.Bias[p];
                }
            }
        }
    }
}
