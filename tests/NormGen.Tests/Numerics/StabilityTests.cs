using System;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Inputs that break naive variance formulas: a large offset with small spread, and constant input.</summary>
    [Trait("Category", "Numerics")]
    public sealed class StabilityTests
    {
        [Theory]
        [MemberData(nameof(LayerScenario.Floats), MemberType = typeof(LayerScenario))]
        public void Large_offset_with_small_noise_stays_close_to_reference(string layer)
        {
            var harness = new LayerHarness<float>(DeclaredLayer.Named(layer));
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 1000, 0.1);

            var (actual, expected) = harness.Forward(x);

            NumericAssert.Within($"{harness.Name} output for 1000 + 0.1 * noise", expected, actual, Tolerances.LargeOffsetAbsolute);
        }

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Constant_input_gives_the_bias(string layer) => LayerScenario.Run(layer, new ConstantInput());

        private sealed class ConstantInput : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                const double Value = 2.5;
                harness.RandomizeParameters();
                double[] x = Enumerable.Repeat(Value, harness.Shape.Count).ToArray();

                var (output, expected) = harness.Forward(x);
                var (inputGrad, _) = harness.Backward(x, harness.RandomOutputGrad());

                Assert.All(output, y => Assert.True(double.IsFinite(y), $"{harness.Name}: output {y} for constant input."));
                Assert.All(inputGrad, g => Assert.True(double.IsFinite(g), $"{harness.Name}: input grad {g} for constant input."));
                double ulp = double.CreateTruncating(T.BitIncrement(T.CreateTruncating(Value)) - T.CreateTruncating(Value));
                double largestWeight = harness.Reference.Weight?.Max(Math.Abs) ?? 1;
                double tolerance = Tolerances.ConstantInputUlps * ulp / Math.Sqrt(harness.Declared.Spec.Epsilon) * largestWeight;
                NumericAssert.Within($"{harness.Name} output for constant input (the bias)", expected, output, tolerance);
            }
        }
    }
}
