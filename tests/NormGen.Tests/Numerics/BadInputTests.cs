using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// Wrong sizes, shapes and call orders through <see cref="INormalizationLayer{T}"/>: the right exception, a message
    /// naming the sizes involved, and afterwards every buffer, parameter, gradient and statistic bitwise as before.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class BadInputTests
    {
        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Bad_calls_throw_and_change_nothing(string layer) => LayerScenario.Run(layer, new BadCalls());

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Backward_without_a_matching_Forward_throws(string layer) => LayerScenario.Run(layer, new UnmatchedBackward());

        [Fact]
        public void Eval_mode_accepts_one_value_per_channel_when_running_statistics_are_kept()
        {
            var harness = new LayerHarness<float>(DeclaredLayer.Named(typeof(Layers.BatchNorm1dNcFloat).FullName!), [1, 5]);
            harness.RandomizeParameters();
            harness.Layer.Training = false;
            harness.Reference.Training = false;
            double[] x = harness.RandomInput();

            harness.AssertClose("eval output for a batch of one", harness.Forward(x));
            harness.AssertInputGradClose("eval input grad for a batch of one", harness.Backward(x, harness.RandomOutputGrad()));
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        private sealed class BadCalls : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = harness.Layer;
                harness.RandomizeParameters();
                int n = harness.Shape.Count;
                int[] shape = harness.Shape.Extents;
                double[] input = harness.RandomInput();
                double[] outputGrad = harness.RandomOutputGrad();
                T[] x = LayerHarness<T>.ToElements(input);
                T[] dy = LayerHarness<T>.ToElements(outputGrad);
                harness.Forward(input);
                harness.Backward(input, outputGrad);

                var buffers = new Buffers<T>(n);
                var snapshot = LayerSnapshot<T>.Capture(layer, buffers.All);

                void Expect(string call, Action action, params int[] mentioned)
                {
                    var exception = Assert.ThrowsAny<ArgumentException>(action);
                    foreach (int value in mentioned)
                    {
                        Assert.True(exception.Message.Contains(Text(value), StringComparison.Ordinal), $"{harness.Name} {call}: message \"{exception.Message}\" does not mention {value}.");
                    }

                    snapshot.AssertUnchanged(layer, $"{harness.Name} {call}", buffers.All);
                }

                Expect("Forward, input one short", () => layer.Forward(buffers.ShortInput, buffers.Output, shape), n - 1, n);
                Expect("Forward, output one long", () => layer.Forward(x, buffers.LongOutput, shape), n + 1, n);
                Expect("Backward, input one long", () => layer.Backward(buffers.LongInput, dy, buffers.InputGrad, shape), n + 1, n);
                Expect("Backward, output grad one short", () => layer.Backward(x, buffers.ShortOutputGrad, buffers.InputGrad, shape), n - 1, n);
                Expect("Backward, input grad one short", () => layer.Backward(x, dy, buffers.ShortInputGrad, shape), n - 1, n);

                int rank = shape.Length;
                int[] longShape = [.. shape, 1];
                Expect("Forward, shape of rank + 1", () => layer.Forward(x, buffers.Output, longShape), rank, rank + 1);
                Expect("Backward, shape of rank - 1", () => layer.Backward(x, dy, buffers.InputGrad, shape[..^1]), rank, rank - 1);

                int channelAxis = harness.Declared.Spec.Layout.IndexOf('C');
                int channels = shape[channelAxis];
                int[] wrongChannels = (int[])shape.Clone();
                wrongChannels[channelAxis] = channels + 1;
                int wrongCount = n / channels * (channels + 1);
                var wrongSized = new T[wrongCount];
                var wrongSizedOutput = new T[wrongCount];
                Expect("Forward, channels differing from the fixed extent", () => layer.Forward(wrongSized, wrongSizedOutput, wrongChannels), channels, channels + 1);

                int perCallAxis = Enumerable.Range(0, rank).FirstOrDefault(a => !harness.Declared.IsFixed(harness.Declared.Spec.Layout[a]), -1);
                if (perCallAxis >= 0)
                {
                    int[] negative = (int[])shape.Clone();
                    negative[perCallAxis] = -3;
                    Expect("Forward, negative extent", () => layer.Forward(Array.Empty<T>(), Array.Empty<T>(), negative), -3);
                    int[] zero = (int[])shape.Clone();
                    zero[perCallAxis] = 0;
                    Expect("Forward, zero extent", () => layer.Forward(Array.Empty<T>(), Array.Empty<T>(), zero), 0);
                    Expect("Backward, zero extent", () => layer.Backward(Array.Empty<T>(), Array.Empty<T>(), Array.Empty<T>(), zero), 0);
                    int[] huge = (int[])shape.Clone();
                    huge[perCallAxis] = 1 << 30;
                    Expect("Forward, more elements than a span can hold", () => layer.Forward(x, buffers.Output, huge));
                }

                // RMSNorm is defined on one value (x / sqrt(x^2 + eps) * weight, as PyTorch's): only centred layers refuse it.
                var single = new LayoutShape(harness.Declared.Spec.Layout, harness.Declared.ShapeWith(_ => 1));
                if (harness.Declared.Spec.Center && new StatisticMap(harness.Declared.Spec, single).ElementsPerStatistic == 1)
                {
                    var singleInput = new T[single.Count];
                    var singleOutput = new T[single.Count];
                    Expect("training Forward with one value per statistic", () => layer.Forward(singleInput, singleOutput, single.Extents));
                }

                // The failed calls left the last good Forward in place: Backward still matches it.
                harness.AssertInputGradClose("input grad after the failed calls", harness.Backward(input, outputGrad));
                harness.AssertStateMatches("after the failed calls and a second Backward");
            }
        }

        private sealed class UnmatchedBackward : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = harness.Layer;
                int n = harness.Shape.Count;
                int[] shape = harness.Shape.Extents;
                T[] x = LayerHarness<T>.ToElements(harness.RandomInput());
                T[] dy = LayerHarness<T>.ToElements(harness.RandomOutputGrad());
                var inputGrad = new T[n];
                inputGrad.AsSpan().Fill(T.CreateTruncating(-6789.25));

                var fresh = LayerSnapshot<T>.Capture(layer, ("inputGrad", inputGrad));
                Assert.Throws<InvalidOperationException>(() => layer.Backward(x, dy, inputGrad, shape));
                fresh.AssertUnchanged(layer, $"{harness.Name} Backward before any Forward", ("inputGrad", inputGrad));

                int perCallAxis = Enumerable.Range(0, shape.Length).FirstOrDefault(a => !harness.Declared.IsFixed(harness.Declared.Spec.Layout[a]), -1);
                if (perCallAxis < 0)
                {
                    return;
                }

                var output = new T[n];
                layer.Forward(x, output, shape);
                int[] other = (int[])shape.Clone();
                other[perCallAxis] += 2;
                int otherCount = n / shape[perCallAxis] * other[perCallAxis];
                var otherInput = new T[otherCount];
                var otherGrad = new T[otherCount];
                var afterForward = LayerSnapshot<T>.Capture(layer, ("inputGrad", otherGrad));
                Assert.Throws<InvalidOperationException>(() => layer.Backward(otherInput, otherInput, otherGrad, other));
                afterForward.AssertUnchanged(layer, $"{harness.Name} Backward with a shape other than the last Forward's", ("inputGrad", otherGrad));
            }
        }

        /// <summary>Correct and wrongly sized buffers, filled with sentinels so any write shows.</summary>
        private sealed class Buffers<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            public Buffers(int count)
            {
                Output = Filled(count, 12345.5);
                InputGrad = Filled(count, -6789.25);
                LongOutput = Filled(count + 1, 4242.125);
                ShortInputGrad = Filled(count - 1, -31.75);
                ShortInput = Filled(count - 1, 0.5);
                LongInput = Filled(count + 1, 0.5);
                ShortOutputGrad = Filled(count - 1, 0.25);
            }

            public T[] Output { get; }

            public T[] InputGrad { get; }

            public T[] LongOutput { get; }

            public T[] ShortInputGrad { get; }

            public T[] ShortInput { get; }

            public T[] LongInput { get; }

            public T[] ShortOutputGrad { get; }

            public (string Name, T[] Buffer)[] All =>
                [("output", Output), ("inputGrad", InputGrad), ("too long output", LongOutput), ("too short inputGrad", ShortInputGrad)];

            private static T[] Filled(int count, double value)
            {
                var array = new T[count];
                array.AsSpan().Fill(T.CreateTruncating(value));
                return array;
            }
        }
    }
}
