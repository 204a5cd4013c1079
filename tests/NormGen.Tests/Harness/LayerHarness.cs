using System;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Reference;

namespace NormGen.Tests.Harness
{
    /// <summary>
    /// A generated layer and a <see cref="ReferenceLayer"/> driven side by side with identical inputs and parameters
    /// (values are rounded to <typeparamref name="T"/> once, and the reference sees exactly the rounded values).
    /// </summary>
    public sealed class LayerHarness<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public LayerHarness(DeclaredLayer declared, int[]? extents = null, int seed = 20261129)
        {
            Declared = declared;
            Layer = (INormalizationLayer<T>)declared.Create();
            Shape = new LayoutShape(declared.Spec.Layout, extents ?? declared.StandardShape());
            Map = new StatisticMap(declared.Spec, Shape);
            Reference = new ReferenceLayer(declared.Spec, Map.ParameterCount, Map.RunningCount);
            Random = new Random(seed);
        }

        public DeclaredLayer Declared { get; }

        public INormalizationLayer<T> Layer { get; }

        public ReferenceLayer Reference { get; }

        public LayoutShape Shape { get; }

        public StatisticMap Map { get; }

        public Random Random { get; }

        /// <summary>The relative tolerance for <typeparamref name="T"/>.</summary>
        public double Relative => Tolerances.RelativeFor<T>();

        public string Name => Declared.Type.Name;

        public static T[] ToElements(double[] values) => values.Select(T.CreateTruncating).ToArray();

        public static double[] ToDoubles(ReadOnlySpan<T> values)
        {
            var result = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                result[i] = double.CreateTruncating(values[i]);
            }

            return result;
        }

        /// <summary>Uniform values in centre ± spread, rounded to <typeparamref name="T"/>.</summary>
        public double[] RandomValues(int count, double centre, double spread) =>
            Enumerable.Range(0, count).Select(_ => Round(centre + (spread * ((2 * Random.NextDouble()) - 1)))).ToArray();

        public double[] RandomInput(LayoutShape? shape = null) => RandomValues((shape ?? Shape).Count, 0.5, 2);

        public double[] RandomOutputGrad(LayoutShape? shape = null) => RandomValues((shape ?? Shape).Count, 0, 1);

        /// <summary>Weight in 1 ± 0.5 and bias (when the layer has one) in 0 ± 0.5, written into the layer and the reference.</summary>
        public void RandomizeParameters()
        {
            if (Layer.Weight is null || Reference.Weight is null)
            {
                return;
            }

            double[] weight = RandomValues(Layer.Weight.Length, 1, 0.5);
            for (int p = 0; p < weight.Length; p++)
            {
                Layer.Weight[p] = T.CreateTruncating(weight[p]);
                Reference.Weight[p] = weight[p];
            }

            if (Layer.Bias is null || Reference.Bias is null)
            {
                return;
            }

            double[] bias = RandomValues(Layer.Bias.Length, 0, 0.5);
            for (int p = 0; p < bias.Length; p++)
            {
                Layer.Bias[p] = T.CreateTruncating(bias[p]);
                Reference.Bias[p] = bias[p];
            }
        }

        /// <summary>Runs Forward through <see cref="INormalizationLayer{T}"/> and the reference; returns (actual, expected).</summary>
        public (double[] Actual, double[] Expected) Forward(double[] x, LayoutShape? shape = null)
        {
            shape ??= Shape;
            var output = new T[x.Length];
            Layer.Forward(ToElements(x), output, shape.Extents);
            return (ToDoubles(output), Reference.Forward(shape, x));
        }

        /// <summary>Runs Backward after the last Forward on <paramref name="x"/>; returns (actual, expected) input gradients.</summary>
        public (double[] Actual, double[] Expected) Backward(double[] x, double[] dy, LayoutShape? shape = null)
        {
            shape ??= Shape;
            var inputGrad = new T[x.Length];
            Layer.Backward(ToElements(x), ToElements(dy), inputGrad, shape.Extents);
            return (ToDoubles(inputGrad), Reference.Backward(dy));
        }

        /// <summary>Compares an input gradient from <see cref="Backward"/>, relative to the size of the terms it was computed from.</summary>
        public void AssertInputGradClose(string quantity, (double[] Actual, double[] Expected) result) =>
            NumericAssert.Close($"{Name} {quantity}", result.Expected, result.Actual, Relative, Reference.LastInputTermScale);

        /// <summary>Asserts parameter gradients, running statistics and the batch count agree with
        /// <paramref name="reference"/> (the harness's own reference when not given).</summary>
        public void AssertStateMatches(string when, ReferenceLayer? reference = null)
        {
            reference ??= Reference;
            AssertSame($"{Name} weight grad {when}", reference.WeightGrad, Layer.WeightGrad, reference.WeightGradTermScale);
            AssertSame($"{Name} bias grad {when}", reference.BiasGrad, Layer.BiasGrad, reference.BiasGradTermScale);
            AssertSame($"{Name} running mean {when}", reference.RunningMean, Layer.RunningMean);
            AssertSame($"{Name} running var {when}", reference.RunningVar, Layer.RunningVar);
            Xunit.Assert.Equal(reference.NumBatchesTracked, Layer.NumBatchesTracked);
        }

        public void AssertClose(string quantity, (double[] Actual, double[] Expected) result) =>
            NumericAssert.Close($"{Name} {quantity}", result.Expected, result.Actual, Relative);

        /// <summary>Within <see cref="Relative"/> of the values, or of <paramref name="termScale"/> for sums whose terms cancel.</summary>
        private void AssertSame(string quantity, double[]? expected, T[]? actual, double termScale = 0)
        {
            Xunit.Assert.True((expected is null) == (actual is null), $"{quantity}: present in reference = {expected is not null}, in layer = {actual is not null}.");
            if (expected is not null && actual is not null)
            {
                NumericAssert.Close(quantity, expected, ToDoubles(actual), Relative, termScale);
            }
        }

        private static double Round(double value) => double.CreateTruncating(T.CreateTruncating(value));
    }
}
