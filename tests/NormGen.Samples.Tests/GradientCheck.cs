using System;
using System.Linq;
using NormGen.Samples.FashionMnist.Nn;
using Xunit;

namespace NormGen.Samples.Tests
{
    /// <summary>
    /// Central finite differences against a layer's Backward, for the loss L = Σ r·y with fixed random r (summed in
    /// double). The layers compute in float, so the tolerance is what float allows: |analytic − numeric| ≤
    /// 1e-3 · (1 + |numeric|). For linear and piecewise-linear layers the central difference is exact within a linear
    /// piece, so the step is large (0.05: float rounding of L, about 1e-6, divided by 2·step stays near 1e-5) and the
    /// inputs keep every kink more than a step away; for smooth layers the step is 0.01 (truncation error about
    /// step²/6 · |f'''| ≤ 4e-5).
    /// </summary>
    internal static class GradientCheck
    {
        public const double Tolerance = 1e-3;

        public static void Layer(ILayer layer, float[] input, int batch, double step, int seed = 7)
        {
            var random = new Random(seed);
            var output = new float[batch * layer.OutputShape.Size];
            var weights = Enumerable.Range(0, output.Length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

            foreach (var p in layer.Parameters)
            {
                Array.Clear(p.Grad);
            }

            layer.ZeroGrad();
            layer.Forward(input, output, batch);
            var inputGrad = new float[input.Length];
            layer.Backward(input, output, weights, inputGrad, batch);
            var parameterGrads = layer.Parameters.Select(p => (float[])p.Grad.Clone()).ToArray();

            double Loss()
            {
                layer.Forward(input, output, batch);
                double sum = 0;
                for (int i = 0; i < output.Length; i++)
                {
                    sum += (double)weights[i] * output[i];
                }

                return sum;
            }

            Compare("input", input, inputGrad, Loss, step);
            for (int k = 0; k < parameterGrads.Length; k++)
            {
                Compare(layer.Parameters[k].Name, layer.Parameters[k].Value, parameterGrads[k], Loss, step);
            }
        }

        /// <summary>Checks every coordinate of <paramref name="values"/> against the numeric derivative of <paramref name="loss"/>.</summary>
        public static void Compare(string what, float[] values, float[] analytic, Func<double> loss, double step)
        {
            for (int i = 0; i < values.Length; i++)
            {
                float original = values[i];
                values[i] = (float)(original + step);
                double plus = loss();
                values[i] = (float)(original - step);
                double minus = loss();
                values[i] = original;
                double numeric = (plus - minus) / ((double)(float)(original + step) - (float)(original - step));
                double error = Math.Abs(analytic[i] - numeric);
                Assert.True(error <= Tolerance * (1 + Math.Abs(numeric)), $"{what}[{i}]: backward {analytic[i]:G6}, finite difference {numeric:G6} (error {error:G3})");
            }
        }

        public static float[] Uniform(int length, Random random, float low = -1f, float high = 1f) =>
            Enumerable.Range(0, length).Select(_ => (float)(low + random.NextDouble() * (high - low))).ToArray();

        /// <summary>Values spaced 0.11 apart in random order: any two differ by more than two steps of 0.05.</summary>
        public static float[] Distinct(int length, Random random)
        {
            var values = Enumerable.Range(0, length).Select(i => (float)((i - length / 2) * 0.11)).ToArray();
            random.Shuffle(values);
            return values;
        }

        /// <summary>Values at least 0.1 away from 0 (ReLU's kink).</summary>
        public static float[] AwayFromZero(int length, Random random) =>
            Uniform(length, random, 0.1f, 1f).Select((v, i) => i % 2 == 0 ? v : -v).ToArray();
    }
}
