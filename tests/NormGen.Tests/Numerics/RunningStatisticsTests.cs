using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Several training steps (with changing per-call extents and input offsets), then eval mode, then
    /// training again, each step checked against the reference: outputs, gradients, running statistics, batch count.</summary>
    [Trait("Category", "Numerics")]
    public sealed class RunningStatisticsTests
    {
        /// <summary>Per-call extents (N, L, D, H, W) of successive steps: they grow and shrink; all but the last step avoid
        /// multiples of 8 so vector loops end in tails, the last uses whole vectors only.</summary>
        private static readonly int[][] StepExtents =
        [
            [3, 11, 3, 7, 9],
            [5, 7, 5, 5, 11],
            [2, 13, 3, 9, 5],
            [3, 11, 3, 7, 9],
            [4, 16, 2, 8, 16],
        ];

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Training_steps_then_eval_then_training_match_reference(string layer) => LayerScenario.Run(layer, new TrainEvalTrain());

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Backward_follows_the_mode_of_its_Forward(string layer) => LayerScenario.Run(layer, new ModeSwitchBeforeBackward());

        private static LayoutShape StepShape(DeclaredLayer declared, int step) =>
            new(declared.Spec.Layout, declared.ShapeWith(axis => StepExtents[step]["NLDHW".IndexOf(axis)]));

        private sealed class TrainEvalTrain : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                Assert.True(harness.Layer.Training, $"{harness.Name} must start in training mode.");

                for (int step = 0; step < StepExtents.Length; step++)
                {
                    var shape = StepShape(harness.Declared, step);
                    double[] x = harness.RandomValues(shape.Count, 0.5 + step, 2);
                    harness.AssertClose($"training output, step {step}", harness.Forward(x, shape));
                    harness.AssertInputGradClose($"input grad, step {step}", harness.Backward(x, harness.RandomOutputGrad(shape), shape));
                    harness.AssertStateMatches($"after training step {step}");
                }

                harness.Layer.Training = false;
                harness.Reference.Training = false;
                double[] evalInput = harness.RandomValues(harness.Shape.Count, 1, 3);
                harness.AssertClose("eval output", harness.Forward(evalInput));
                harness.AssertInputGradClose("eval input grad", harness.Backward(evalInput, harness.RandomOutputGrad()));
                harness.AssertStateMatches("after eval step (running statistics unchanged)");

                harness.Layer.Training = true;
                harness.Reference.Training = true;
                double[] trainInput = harness.RandomInput();
                harness.AssertClose("training output after eval", harness.Forward(trainInput));
                harness.AssertInputGradClose("input grad after eval", harness.Backward(trainInput, harness.RandomOutputGrad()));
                harness.AssertStateMatches("after returning to training");
            }
        }

        private sealed class ModeSwitchBeforeBackward : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                harness.Forward(harness.RandomInput());

                harness.Layer.Training = false;
                harness.Reference.Training = false;
                double[] evalInput = harness.RandomInput();
                harness.AssertClose("eval output", harness.Forward(evalInput));
                harness.Layer.Training = true;
                harness.Reference.Training = true;
                harness.AssertInputGradClose("input grad of an eval Forward, taken in training mode", harness.Backward(evalInput, harness.RandomOutputGrad()));
                harness.AssertStateMatches("after Backward of an eval Forward");

                double[] trainInput = harness.RandomInput();
                harness.Forward(trainInput);
                harness.Layer.Training = false;
                harness.Reference.Training = false;
                harness.AssertInputGradClose("input grad of a training Forward, taken in eval mode", harness.Backward(trainInput, harness.RandomOutputGrad()));
                harness.AssertStateMatches("after Backward of a training Forward");
            }
        }
    }
}
