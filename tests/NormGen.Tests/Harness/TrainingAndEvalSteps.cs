using System.Numerics;

namespace NormGen.Tests.Harness
{
    /// <summary>A training step on inputs around 3 (spread 2) with its Backward, then an eval step with its Backward, each
    /// checked against the reference: outputs, input gradients, parameter gradients and running statistics.</summary>
    public sealed class TrainingAndEvalSteps : ILayerScenario
    {
        public void Run<T>(LayerHarness<T> harness)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            harness.RandomizeParameters();
            double[] x = harness.RandomValues(harness.Shape.Count, 3, 2);
            harness.AssertClose("training output", harness.Forward(x));
            harness.AssertInputGradClose("training input grad", harness.Backward(x, harness.RandomOutputGrad()));
            harness.AssertStateMatches("after a training step");

            harness.Layer.Training = false;
            harness.Reference.Training = false;
            double[] evalInput = harness.RandomInput();
            harness.AssertClose("eval output", harness.Forward(evalInput));
            harness.AssertInputGradClose("eval input grad", harness.Backward(evalInput, harness.RandomOutputGrad()));
            harness.AssertStateMatches("after an eval step");
        }
    }
}
