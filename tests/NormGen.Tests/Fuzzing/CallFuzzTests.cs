using System;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using Xunit;

namespace NormGen.Tests.Fuzzing
{
    /// <summary>
    /// Random calls on every declared layer: shapes with zero, negative and huge extents (products past int.MaxValue),
    /// wrong ranks and fixed extents, span lengths off by a little, inputs with NaN and ±Inf, mode switches between
    /// calls. A call either succeeds or throws <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/>
    /// with its output buffers, parameters, gradients and running statistics bitwise as before; and a non-finite input
    /// value poisons the outputs of its own statistic only, as in PyTorch.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class CallFuzzTests
    {
        private const int CallsPerLayer = 120;

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Random_calls_throw_only_argument_or_invalid_operation_exceptions_and_never_write_partially(string layer) =>
            LayerScenario.Run(layer, new RandomCalls(Seed(layer)));

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void A_non_finite_input_value_poisons_its_own_statistic_only(string layer) =>
            LayerScenario.Run(layer, new NonFiniteInput(Seed(layer)));

        /// <summary>A seed from the layer's name, the same in every run.</summary>
        private static int Seed(string layer) => layer.Aggregate(17, (hash, ch) => unchecked((hash * 31) + ch));

        private sealed class RandomCalls(int seed) : ILayerScenario
        {
            private static readonly int[] BadExtents = [0, -1, -7, int.MinValue, int.MaxValue, 1 << 16, 46_341];

            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var random = new Random(seed);
                var layer = harness.Layer;
                var declared = harness.Declared;
                harness.RandomizeParameters();
                int[] standard = declared.StandardShape();
                for (int call = 0; call < CallsPerLayer; call++)
                {
                    int step = random.Next(3);
                    int[] valid = declared.ShapeWith(axis => standard[declared.Spec.Layout.IndexOf(axis, StringComparison.Ordinal)] + random.Next(3));
                    int count = valid.Aggregate(1, (a, b) => a * b);
                    int[] shape = random.Next(3) == 0 ? Corrupt(valid, random) : valid;
                    int Length() => random.Next(4) == 0 ? Math.Max(0, count + random.Next(-2, 3)) : count;
                    T[] input = Values<T>(Length(), random);
                    T[] second = Values<T>(Length(), random);
                    T[] written = Filled<T>(Length(), 1234.5);
                    string what = $"call {call} ({(step == 0 ? "Forward" : step == 1 ? "Backward" : "mode switch")}, Training = {layer.Training}, shape [{string.Join(", ", shape)}], lengths {input.Length}/{second.Length}/{written.Length} of {count})";
                    var snapshot = LayerSnapshot<T>.Capture(layer, ("output", written));
                    try
                    {
                        switch (step)
                        {
                            case 0:
                                layer.Forward(input, written, shape);
                                break;
                            case 1:
                                layer.Backward(input, second, written, shape);
                                break;
                            default:
                                layer.Training = !layer.Training;
                                break;
                        }
                    }
                    catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
                    {
                        snapshot.AssertUnchanged(layer, $"{harness.Name} {what}, which threw {exception.GetType().Name}", ("output", written));
                    }
                    catch (Exception exception)
                    {
                        Assert.Fail($"{harness.Name} {what} threw {exception.GetType().Name}: {exception.Message}");
                    }
                }
            }

            private static int[] Corrupt(int[] valid, Random random)
            {
                int[] shape = (int[])valid.Clone();
                switch (random.Next(4))
                {
                    case 0:
                        return shape[..^1];
                    case 1:
                        return [.. shape, 1 + random.Next(3)];
                    case 2:
                        // Two huge extents: their product overflows int whatever the others are.
                        shape[random.Next(shape.Length)] = int.MaxValue / 2;
                        shape[random.Next(shape.Length)] = 1 << 20;
                        return shape;
                    default:
                        shape[random.Next(shape.Length)] = BadExtents[random.Next(BadExtents.Length)];
                        return shape;
                }
            }

            /// <summary>Values in ±3, with a NaN, +Inf or -Inf at a random place in one array of four.</summary>
            private static T[] Values<T>(int length, Random random)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var values = new T[length];
                for (int i = 0; i < length; i++)
                {
                    values[i] = T.CreateTruncating((random.NextDouble() * 6) - 3);
                }

                if (length > 0 && random.Next(4) == 0)
                {
                    values[random.Next(length)] = random.Next(3) switch { 0 => T.NaN, 1 => T.PositiveInfinity, _ => T.NegativeInfinity };
                }

                return values;
            }

            private static T[] Filled<T>(int length, double value)
                where T : unmanaged, IFloatingPointIeee754<T> =>
                Enumerable.Repeat(T.CreateTruncating(value), length).ToArray();
        }

        private sealed class NonFiniteInput(int seed) : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var random = new Random(seed);
                var layer = harness.Layer;
                harness.RandomizeParameters();
                int[] shape = harness.Shape.Extents;
                foreach (T poison in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
                {
                    foreach (bool training in new[] { true, false })
                    {
                        layer.Training = training;
                        T[] x = LayerHarness<T>.ToElements(harness.RandomInput());
                        int at = random.Next(x.Length);
                        x[at] = poison;
                        var y = new T[x.Length];
                        layer.Forward(x, y, shape);

                        // With batch statistics the poisoned value enters its statistic's mean and variance; with the
                        // running statistics (eval mode of a layer that keeps them) it touches its own output only.
                        bool running = !training && layer.RunningMean is not null;
                        int poisoned = harness.Map.StatisticOf(harness.Shape.MultiIndex(at));
                        for (int i = 0; i < x.Length; i++)
                        {
                            bool affected = running ? i == at : harness.Map.StatisticOf(harness.Shape.MultiIndex(i)) == poisoned;
                            string where = $"{harness.Name} (Training = {training}, {poison} at {at}): output {i}";
                            if (affected && !harness.Declared.Spec.Center && T.IsInfinity(poison))
                            {
                                // RMSNorm, as PyTorch's x * rsqrt(mean(x^2) + eps): an infinite mean square scales the
                                // statistic's finite values to 0 and the infinite one to inf * 0 = NaN.
                                Assert.True(i == at ? T.IsNaN(y[i]) : y[i] == T.Zero, $"{where} of the poisoned statistic is {y[i]}, not {(i == at ? "NaN" : "0")}.");
                            }
                            else if (affected && running && T.IsInfinity(poison) && harness.Declared.Spec.Activation != NormActivation.None)
                            {
                                // The running statistics are finite, so the pre-activation is infinite with the sign of the
                                // input times the weight, and the activation decides: PyTorch's relu(-inf) is 0, every other
                                // activation of an infinity is not finite.
                                double weight = layer.Weight is { } w ? double.CreateTruncating(w[harness.Map.ParameterOf(harness.Shape.MultiIndex(at))]) : 1.0;
                                double expected = Reference.ReferenceActivation.Forward(harness.Declared.Spec.Activation, double.CreateTruncating(poison) * weight);
                                Assert.True(double.IsFinite(expected) ? y[i] == T.CreateTruncating(expected) : !T.IsFinite(y[i]), $"{where} of the poisoned statistic is {y[i]}, the activation of an infinity gives {expected}.");
                            }
                            else if (affected && (!T.IsNaN(poison) || !running))
                            {
                                Assert.False(T.IsFinite(y[i]), $"{where} of the poisoned statistic is finite: {y[i]}.");
                            }
                            else if (affected)
                            {
                                Assert.True(T.IsNaN(y[i]), $"{where} is {y[i]}, not NaN.");
                            }
                            else
                            {
                                Assert.True(T.IsFinite(y[i]), $"{where}, of another statistic, is {y[i]}.");
                            }
                        }

                        if (training && layer.RunningMean is not null)
                        {
                            // The poisoned batch statistic reaches the running estimates: reset them for the next case.
                            Assert.Contains(layer.RunningMean, value => !T.IsFinite(value));
                            layer.ResetRunningStats();
                        }
                    }
                }
            }
        }
    }
}
