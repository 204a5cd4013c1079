using System;
using System.Linq;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// Backward of every double layer against central differences of its own Forward, with L = sum(dy * y):
    /// dL/dx at several input elements, dL/dweight and dL/dbias at several parameters; in training mode and,
    /// for layers with running statistics, in eval mode (statistics constant).
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class FiniteDifferenceTests
    {
        private const int InputSamples = 12;
        private const int ParameterSamples = 6;

        [Theory]
        [MemberData(nameof(LayerScenario.Doubles), MemberType = typeof(LayerScenario))]
        public void Training_gradients_match_central_differences(string layer)
        {
            var harness = new LayerHarness<double>(DeclaredLayer.Named(layer));
            Check(harness, "training");
        }

        [Theory]
        [MemberData(nameof(LayerScenario.Doubles), MemberType = typeof(LayerScenario))]
        public void Eval_gradients_match_central_differences(string layer)
        {
            var harness = new LayerHarness<double>(DeclaredLayer.Named(layer));
            harness.RandomizeParameters();
            for (int step = 0; step < 2; step++)
            {
                var warmUp = new double[harness.Shape.Count];
                harness.Layer.Forward(harness.RandomValues(harness.Shape.Count, step, 2), warmUp, harness.Shape.Extents);
            }

            harness.Layer.Training = false;
            Check(harness, "eval");
        }

        private static void Check(LayerHarness<double> harness, string mode)
        {
            var layer = harness.Layer;
            harness.RandomizeParameters();
            double[] x = harness.RandomInput();
            double[] dy = harness.RandomOutputGrad();
            int[] shape = harness.Shape.Extents;

            var output = new double[x.Length];
            var inputGrad = new double[x.Length];
            layer.ZeroGrad();
            layer.Forward(x, output, shape);
            layer.Backward(x, dy, inputGrad, shape);
            double[]? weightGrad = layer.WeightGrad?.ToArray();
            double[]? biasGrad = layer.BiasGrad?.ToArray();

            double Loss(double[] input)
            {
                var y = new double[input.Length];
                layer.Forward(input, y, shape);
                return y.Zip(dy, (a, b) => a * b).Sum();
            }

            int[] inputIndices = Sample(harness.Random, x.Length, InputSamples);
            NumericAssert.Close(
                $"{harness.Name} {mode} dL/dx at {string.Join(",", inputIndices)}",
                inputIndices.Select(i => Difference(x, i, () => Loss(x))).ToArray(),
                inputIndices.Select(i => inputGrad[i]).ToArray(),
                Tolerances.FiniteDifferenceRelative);

            if (layer.Weight is { } weight && weightGrad is not null)
            {
                int[] parameterIndices = Sample(harness.Random, weight.Length, ParameterSamples);
                NumericAssert.Close(
                    $"{harness.Name} {mode} dL/dweight",
                    parameterIndices.Select(p => Difference(weight, p, () => Loss(x))).ToArray(),
                    parameterIndices.Select(p => weightGrad[p]).ToArray(),
                    Tolerances.FiniteDifferenceRelative);
            }
            else
            {
                Assert.False(harness.Declared.Spec.Affine, $"{harness.Name} is affine but has no weight or weight gradient.");
            }

            if (layer.Bias is { } bias && biasGrad is not null)
            {
                int[] parameterIndices = Sample(harness.Random, bias.Length, ParameterSamples);
                NumericAssert.Close(
                    $"{harness.Name} {mode} dL/dbias",
                    parameterIndices.Select(p => Difference(bias, p, () => Loss(x))).ToArray(),
                    parameterIndices.Select(p => biasGrad[p]).ToArray(),
                    Tolerances.FiniteDifferenceRelative);
            }
            else
            {
                Assert.False(harness.Declared.Spec.HasBias, $"{harness.Name} has a bias but no bias or bias gradient.");
            }
        }

        /// <summary>(L(v + h) - L(v - h)) / 2h for element <paramref name="index"/> of <paramref name="values"/>, restored afterwards.</summary>
        internal static double Difference(double[] values, int index, Func<double> loss)
        {
            double original = values[index];
            double h = Tolerances.FiniteDifferenceStep * Math.Max(1, Math.Abs(original));
            values[index] = original + h;
            double plus = loss();
            values[index] = original - h;
            double minus = loss();
            values[index] = original;
            return (plus - minus) / (2 * h);
        }

        private static int[] Sample(Random random, int count, int samples) =>
            Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(Math.Min(count, samples)).Order().ToArray();
    }
}
