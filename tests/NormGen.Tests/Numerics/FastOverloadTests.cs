using System;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>The overloads taking only the per-call extents (named batch, length, depth, height, width, in layout
    /// order) called directly on the generated classes, against the reference.</summary>
    [Trait("Category", "Numerics")]
    public sealed class FastOverloadTests
    {
        [Fact]
        public void BatchNorm2d_takes_batch_height_width()
        {
            var harness = Harness<float>(typeof(BatchNorm2dNchwFloat));
            var layer = (BatchNorm2dNchwFloat)harness.Layer;
            Check(harness, (x, y) => layer.Forward(x, y, batch: 3, height: 7, width: 9), (x, dy, dx) => layer.Backward(x, dy, dx, batch: 3, height: 7, width: 9));
        }

        [Fact]
        public void Sequence_first_BatchNorm1d_takes_length_then_batch()
        {
            var harness = Harness<float>(typeof(BatchNorm1dLncFloat));
            var layer = (BatchNorm1dLncFloat)harness.Layer;
            Check(harness, (x, y) => layer.Forward(x, y, length: 11, batch: 3), (x, dy, dx) => layer.Backward(x, dy, dx, length: 11, batch: 3));
        }

        [Fact]
        public void Elementwise_LayerNorm_takes_only_batch()
        {
            var harness = Harness<double>(typeof(LayerNormNchwDouble));
            var layer = (LayerNormNchwDouble)harness.Layer;
            Check(harness, (x, y) => layer.Forward(x, y, batch: 3), (x, dy, dx) => layer.Backward(x, dy, dx, batch: 3));
        }

        [Fact]
        public void InstanceNorm3d_channels_last_takes_batch_depth_height_width()
        {
            var harness = Harness<double>(typeof(InstanceNorm3dNdhwcDouble));
            var layer = (InstanceNorm3dNdhwcDouble)harness.Layer;
            Check(harness, (x, y) => layer.Forward(x, y, batch: 3, depth: 3, height: 7, width: 9), (x, dy, dx) => layer.Backward(x, dy, dx, batch: 3, depth: 3, height: 7, width: 9));
        }

        [Fact]
        public void All_fixed_layer_takes_no_extents()
        {
            var harness = Harness<float>(typeof(BatchNorm2dAllFixedFloat));
            var layer = (BatchNorm2dAllFixedFloat)harness.Layer;
            Check(harness, (x, y) => layer.Forward(x, y), (x, dy, dx) => layer.Backward(x, dy, dx));
        }

        [Fact]
        public void Non_positive_extents_throw_and_change_nothing()
        {
            var harness = Harness<float>(typeof(GroupNorm3NchwFloat));
            var layer = (GroupNorm3NchwFloat)harness.Layer;
            harness.RandomizeParameters();
            float[] x = LayerHarness<float>.ToElements(harness.RandomInput());
            float[] dx = new float[x.Length];
            float[] y = new float[x.Length];
            layer.Forward(x, y, batch: 3, height: 7, width: 9);
            layer.Backward(x, y, dx, batch: 3, height: 7, width: 9);
            y.AsSpan().Fill(12345.5f);
            dx.AsSpan().Fill(-6789.25f);
            var snapshot = LayerSnapshot<float>.Capture(layer, ("output", y), ("inputGrad", dx));

            foreach (var (call, action, value) in new (string, Action, int)[]
            {
                ("Forward, batch -1", () => layer.Forward(x, y, batch: -1, height: 7, width: 9), -1),
                ("Forward, height 0", () => layer.Forward(x, y, batch: 3, height: 0, width: 9), 0),
                ("Backward, width -4", () => layer.Backward(x, y, dx, batch: 3, height: 7, width: -4), -4),
                ("Forward, 2 x 7 x 9 for a 3 x 7 x 9 input", () => layer.Forward(x, y, batch: 2, height: 7, width: 9), 2 * 6 * 7 * 9),
            })
            {
                var exception = Assert.ThrowsAny<ArgumentException>(action);
                Assert.True(exception.Message.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), $"{call}: \"{exception.Message}\" does not mention {value}.");
                snapshot.AssertUnchanged(layer, call, ("output", y), ("inputGrad", dx));
            }
        }

        [Fact]
        public void Cumulative_average_continues_from_a_set_batch_count()
        {
            var harness = Harness<double>(typeof(BatchNorm2dCumulativeDouble));
            var layer = (BatchNorm2dCumulativeDouble)harness.Layer;
            for (int c = 0; c < layer.RunningMean.Length; c++)
            {
                layer.RunningMean[c] = harness.Reference.RunningMean![c] = 0.25 * c;
                layer.RunningVar[c] = harness.Reference.RunningVar![c] = 1 + (0.5 * c);
            }

            layer.NumBatchesTracked = 4;
            harness.Reference.NumBatchesTracked = 4;
            double[] x = harness.RandomInput();

            harness.AssertClose("output", harness.Forward(x));
            harness.AssertStateMatches("after the fifth batch (m = 1/5)");
            Assert.Equal(5, layer.NumBatchesTracked);
        }

        private static LayerHarness<T> Harness<T>(Type type)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => new(DeclaredLayer.Named(type.FullName!));

        private static void Check<T>(LayerHarness<T> harness, Action<T[], T[]> forward, Action<T[], T[], T[]> backward)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            harness.RandomizeParameters();
            double[] x = harness.RandomInput();
            double[] dy = harness.RandomOutputGrad();
            var y = new T[x.Length];
            var dx = new T[x.Length];

            forward(LayerHarness<T>.ToElements(x), y);
            NumericAssert.Close($"{harness.Name} fast Forward output", harness.Reference.Forward(harness.Shape, x), LayerHarness<T>.ToDoubles(y), harness.Relative);
            backward(LayerHarness<T>.ToElements(x), LayerHarness<T>.ToElements(dy), dx);
            double[] expectedInputGrad = harness.Reference.Backward(dy);
            NumericAssert.Close($"{harness.Name} fast Backward input grad", expectedInputGrad, LayerHarness<T>.ToDoubles(dx), harness.Relative, harness.Reference.LastInputTermScale);
            harness.AssertStateMatches("after fast Forward and Backward");
        }
    }
}
