using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Initial state, ZeroGrad, ResetRunningStats and ResetParameters: what each one resets and what it leaves alone.</summary>
    [Trait("Category", "Numerics")]
    public sealed class LifecycleTests
    {
        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void New_layer_has_declared_shape_and_initial_values(string layer) => LayerScenario.Run(layer, new Initial());

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Resets_clear_exactly_their_own_state(string layer) => LayerScenario.Run(layer, new Resets());

        private static void AssertAll<T>(string what, T[]? values, double expected)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (values is not null)
            {
                Assert.True(values.All(v => v == T.CreateTruncating(expected)), $"{what}: expected every value {expected}, got [{string.Join(", ", values.Take(8))}...].");
            }
        }

        private sealed class Initial : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = harness.Layer;
                var spec = harness.Declared.Spec;

                Assert.Equal(spec.Layout, layer.Layout);
                Assert.Equal(spec.Axes, layer.Axes);
                Assert.True(layer.Training);
                Assert.Equal(spec.Affine ? harness.Map.ParameterCount : -1, layer.Weight?.Length ?? -1);
                Assert.Equal(spec.HasBias ? harness.Map.ParameterCount : -1, layer.Bias?.Length ?? -1);
                Assert.Equal(spec.Affine ? harness.Map.ParameterCount : -1, layer.WeightGrad?.Length ?? -1);
                Assert.Equal(spec.HasBias ? harness.Map.ParameterCount : -1, layer.BiasGrad?.Length ?? -1);
                Assert.Equal(spec.TrackRunningStats ? harness.Map.RunningCount : -1, layer.RunningMean?.Length ?? -1);
                Assert.Equal(spec.TrackRunningStats ? harness.Map.RunningCount : -1, layer.RunningVar?.Length ?? -1);
                AssertAll("Weight", layer.Weight, 1);
                AssertAll("Bias", layer.Bias, 0);
                AssertAll("WeightGrad", layer.WeightGrad, 0);
                AssertAll("BiasGrad", layer.BiasGrad, 0);
                AssertAll("RunningMean", layer.RunningMean, 0);
                AssertAll("RunningVar", layer.RunningVar, 1);
                Assert.Equal(0, layer.NumBatchesTracked);
            }
        }

        private sealed class Resets : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = harness.Layer;
                harness.RandomizeParameters();
                for (int step = 0; step < 2; step++)
                {
                    double[] x = harness.RandomValues(harness.Shape.Count, 2, 1);
                    harness.Forward(x);
                    harness.Backward(x, harness.RandomOutputGrad());
                }

                T[]?[] learned = [layer.Weight?.ToArray(), layer.Bias?.ToArray(), layer.WeightGrad?.ToArray(), layer.BiasGrad?.ToArray()];

                layer.ResetRunningStats();
                AssertAll("RunningMean after ResetRunningStats", layer.RunningMean, 0);
                AssertAll("RunningVar after ResetRunningStats", layer.RunningVar, 1);
                Assert.Equal(0, layer.NumBatchesTracked);
                Assert.Equal(learned, [layer.Weight, layer.Bias, layer.WeightGrad, layer.BiasGrad]);

                layer.ZeroGrad();
                AssertAll("WeightGrad after ZeroGrad", layer.WeightGrad, 0);
                AssertAll("BiasGrad after ZeroGrad", layer.BiasGrad, 0);
                Assert.Equal(learned[..2], [layer.Weight, layer.Bias]);

                double[] again = harness.RandomValues(harness.Shape.Count, 2, 1);
                harness.Forward(again);
                harness.Backward(again, harness.RandomOutputGrad());
                Assert.True(layer.WeightGrad is null || layer.WeightGrad.Any(g => g != T.Zero), $"{harness.Name}: Backward after ZeroGrad produced no weight gradient.");
                Assert.Equal(layer.RunningMean is null ? 0 : 1, layer.NumBatchesTracked);

                layer.ResetParameters();
                AssertAll("Weight after ResetParameters", layer.Weight, 1);
                AssertAll("Bias after ResetParameters", layer.Bias, 0);
                AssertAll("RunningMean after ResetParameters", layer.RunningMean, 0);
                AssertAll("RunningVar after ResetParameters", layer.RunningVar, 1);
                Assert.Equal(0, layer.NumBatchesTracked);
            }
        }
    }
}
