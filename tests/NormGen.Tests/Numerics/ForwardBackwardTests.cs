using System.Numerics;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>One training step of every declared layer against the reference: output, input gradient,
    /// parameter gradients and running statistics.</summary>
    [Trait("Category", "Numerics")]
    public sealed class ForwardBackwardTests
    {
        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Training_step_matches_reference(string layer) => LayerScenario.Run(layer, new TrainingStep());

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Backward_accumulates_parameter_gradients_until_ZeroGrad(string layer) => LayerScenario.Run(layer, new Accumulation());

        private sealed class TrainingStep : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                double[] x = harness.RandomInput();

                harness.AssertClose("training output", harness.Forward(x));
                harness.AssertInputGradClose("input grad", harness.Backward(x, harness.RandomOutputGrad()));
                harness.AssertStateMatches("after one training step");
            }
        }

        private sealed class Accumulation : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                double[] x = harness.RandomInput();
                double[] dy = harness.RandomOutputGrad();
                harness.Forward(x);

                harness.AssertInputGradClose("input grad, first backward", harness.Backward(x, dy));
                harness.AssertInputGradClose("input grad, second backward", harness.Backward(x, dy));
                harness.AssertStateMatches("after two backward calls (twice the gradients)");

                harness.Layer.ZeroGrad();
                if (harness.Layer.WeightGrad is { } weightGrad)
                {
                    Assert.All(weightGrad, g => Assert.Equal(T.Zero, g));
                }
                else
                {
                    Assert.False(harness.Declared.Spec.Affine, $"{harness.Name} is affine but has no weight gradient.");
                }

                if (harness.Layer.BiasGrad is { } biasGrad)
                {
                    Assert.All(biasGrad, g => Assert.Equal(T.Zero, g));
                }
                else
                {
                    Assert.False(harness.Declared.Spec.HasBias, $"{harness.Name} has a bias but no bias gradient.");
                }
            }
        }
    }
}
