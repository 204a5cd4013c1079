using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Per-call extents of 1 (a single row, pixel or time step), alone and together, wherever training
    /// still has more than one value per statistic.</summary>
    [Trait("Category", "Numerics")]
    public sealed class DegenerateExtentTests
    {
        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Extents_of_one_match_reference(string layer) => LayerScenario.Run(layer, new ExtentsOfOne());

        /// <summary>Every per-call axis after C set to 1, then to 2 and to 3, the others kept (BatchNorm2d on (N, C, 1, 1)
        /// after a global pooling, or on small feature maps): channels-first BatchNorm-style layers hand calls with so
        /// few values per channel in a row to the runtime's kernels. Training, eval, and Backward after each, with the
        /// parameter gradients and running statistics.</summary>
        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Short_axes_after_the_channels_match_reference(string layer) => LayerScenario.Run(layer, new ShortAxesAfterChannels());

        /// <summary>The short-run kernels take rows four at a time, then the rest one by one: batches with both, after a
        /// global pooling and on 2×2 and 3×1 maps, with a training step, its Backward, and an eval step.</summary>
        public static TheoryData<string, int[]> ShortRunBatches => new()
        {
            { typeof(Layers.BatchNorm2dNchwFloat).FullName!, [9, 5, 1, 1] },
            { typeof(Layers.BatchNorm2dNchwFloat).FullName!, [10, 5, 2, 2] },
            { typeof(Layers.BatchNorm2dNchwDouble).FullName!, [7, 5, 3, 1] },
            { typeof(Layers.BatchNorm2dNchw64Float).FullName!, [13, 64, 1, 1] },
            { typeof(Layers.BatchNorm2dNchw64Double).FullName!, [6, 64, 2, 2] },
        };

        [Theory]
        [MemberData(nameof(ShortRunBatches))]
        public void Short_runs_in_batches_of_several_row_blocks_match_reference(string layer, int[] extents) =>
            LayerScenario.Run(layer, new TrainingAndEvalSteps(), extents);

        private sealed class ShortAxesAfterChannels : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var declared = harness.Declared;
                string layout = declared.Spec.Layout;
                int channels = layout.IndexOf('C');
                char[] after = layout.Where((axis, i) => channels >= 0 && i > channels && !declared.IsFixed(axis)).ToArray();
                if (after.Length == 0)
                {
                    return;
                }

                harness.RandomizeParameters();
                foreach (int extent in new[] { 1, 2, 3 })
                {
                    var shape = new LayoutShape(layout, declared.ShapeWith(axis => after.Contains(axis) ? extent : harness.Shape.Extent(axis)));
                    if (declared.Spec.Center && new StatisticMap(declared.Spec, shape).ElementsPerStatistic < 2)
                    {
                        continue;
                    }

                    string label = $"with {string.Join(",", after)} = {extent}";
                    harness.Layer.Training = true;
                    harness.Reference.Training = true;
                    for (int step = 0; step < 2; step++)
                    {
                        double[] x = harness.RandomValues(shape.Count, 3 + step, 2);
                        harness.AssertClose($"training output {label}, step {step}", harness.Forward(x, shape));
                        harness.AssertInputGradClose($"training input grad {label}, step {step}", harness.Backward(x, harness.RandomOutputGrad(shape), shape));
                        harness.AssertStateMatches($"after training step {step} {label}");
                    }

                    harness.Layer.Training = false;
                    harness.Reference.Training = false;
                    double[] evalInput = harness.RandomValues(shape.Count, 1, 3);
                    harness.AssertClose($"eval output {label}", harness.Forward(evalInput, shape));
                    harness.AssertInputGradClose($"eval input grad {label}", harness.Backward(evalInput, harness.RandomOutputGrad(shape), shape));
                    harness.AssertStateMatches($"after the eval step {label}");
                }
            }
        }

        private sealed class ExtentsOfOne : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                harness.RandomizeParameters();
                var declared = harness.Declared;
                char[] perCall = declared.Spec.Layout.Where(axis => !declared.IsFixed(axis)).ToArray();
                int checkedShapes = 0;

                // Each per-call axis set to 1 on its own, then all of them at once.
                var choices = perCall.Select(axis => new[] { axis }).Append(perCall);
                foreach (char[] ones in choices)
                {
                    var shape = new LayoutShape(declared.Spec.Layout, declared.ShapeWith(axis => ones.Contains(axis) ? 1 : harness.Shape.Extent(axis)));
                    if (declared.Spec.Center && new StatisticMap(declared.Spec, shape).ElementsPerStatistic < 2)
                    {
                        continue;
                    }

                    string label = $"with {string.Join(",", ones)} = 1";
                    double[] x = harness.RandomInput(shape);
                    harness.AssertClose($"output {label}", harness.Forward(x, shape));
                    harness.AssertInputGradClose($"input grad {label}", harness.Backward(x, harness.RandomOutputGrad(shape), shape));
                    harness.AssertStateMatches(label);
                    checkedShapes++;
                }

                Assert.True(perCall.Length == 0 || checkedShapes > 0 || perCall.All(axis => declared.Spec.IsReduced(axis)), $"{harness.Name}: no shape with an extent of 1 was checked.");
            }
        }
    }
}
