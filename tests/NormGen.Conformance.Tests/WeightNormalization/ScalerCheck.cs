using System;
using System.Linq;
using System.Numerics;
using NormGen.Conformance.Tests.Harness;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>
/// Fits a generated scaler on <see cref="Batches"/> batches and compares its statistics with libtorch's over the
/// concatenated batches (reduced over the axes in Axes, kept axes in layout order), then compares Transform (also in
/// place) and InverseTransform on fresh data with the same formulas written in libtorch operations.
/// </summary>
internal static class ScalerCheck
{
    public const int Batches = 3;

    /// <summary>Z-score: mean and population variance (<c>var(correction=0)</c>); x' = (x − mean) / std, std taken
    /// as 1 where the variance is 0.</summary>
    public static void Standard<T>(IInputScaler<T> scaler, T[] mean, T[] variance, int[][] fitShapes, int[] transformShape,
        int seed, int constantChannel = -1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        var fit = Fit(scaler, fitShapes, seed, constantChannel);
        Tensor expectedMean = fit.Data.mean(fit.ReducedDims, keepdim: true);
        Tensor expectedVariance = fit.Data.var(fit.ReducedDims, unbiased: false, keepdim: true);
        Closeness.AssertClose($"{fit.Name}: Mean", TensorData.ToArray(expectedMean), TensorData.Widen<T>(mean), Tolerances.Forward<T>());
        Closeness.AssertClose($"{fit.Name}: Variance", TensorData.ToArray(expectedVariance), TensorData.Widen<T>(variance), Tolerances.Forward<T>());

        Tensor std = torch.where(expectedVariance == 0, torch.ones_like(expectedVariance), expectedVariance.sqrt());
        CheckTransforms(scaler, fit, transformShape,
            x => (x - expectedMean) / std,
            scaled => scaled * std + expectedMean,
            data => data.Normal(ElementCount(transformShape), 0.0, 1.5));
    }

    /// <summary>Min-Max: x' = (x − min) / (max − min) · (b − a) + a, max − min taken as 1 where it is 0, clamped to
    /// [a, b] with <paramref name="clip"/>.</summary>
    public static void MinMax<T>(IInputScaler<T> scaler, T[] min, T[] max, double low, double high, bool clip,
        int[][] fitShapes, int[] transformShape, int seed, int constantChannel = -1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        var fit = Fit(scaler, fitShapes, seed, constantChannel);
        Tensor expectedMin = fit.Data.amin(fit.ReducedDims, keepdim: true);
        Tensor expectedMax = fit.Data.amax(fit.ReducedDims, keepdim: true);
        Closeness.AssertClose($"{fit.Name}: Min", TensorData.ToArray(expectedMin), TensorData.Widen<T>(min), Tolerances.Forward<T>());
        Closeness.AssertClose($"{fit.Name}: Max", TensorData.ToArray(expectedMax), TensorData.Widen<T>(max), Tolerances.Forward<T>());

        Tensor difference = expectedMax - expectedMin;
        Tensor range = torch.where(difference == 0, torch.ones_like(difference), difference);
        CheckTransforms(scaler, fit, transformShape,
            x =>
            {
                Tensor scaled = (x - expectedMin) / range * (high - low) + low;
                if (clip)
                {
                    // The case's premise: the fresh data leaves the fitted range, so clamping changes something.
                    Assert.True((scaled < low).any().item<bool>() || (scaled > high).any().item<bool>(), $"{fit.Name}: no value to clip.");
                    scaled = scaled.clamp(low, high);
                }

                return scaled;
            },
            scaled => (scaled - low) / (high - low) * range + expectedMin,
            data => data.Uniform(ElementCount(transformShape), low - 0.25 * (high - low), high + 0.25 * (high - low)));
    }

    private sealed record FitResult(string Name, string Layout, Tensor Data, long[] ReducedDims, InputData Random, int ConstantChannel);

    private static FitResult Fit<T>(IInputScaler<T> scaler, int[][] fitShapes, int seed, int constantChannel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(Batches, fitShapes.Length);
        string name = scaler.GetType().Name;
        string layout = scaler.Layout;
        string[] axes = scaler.Axes.Split(',');
        long[] reduced = axes.Select(axis => (long)layout.IndexOf(axis[0], StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(-1L, reduced);
        var data = new InputData(seed);
        ScalarType dtype = TensorData.DType<T>();

        Assert.Equal(0L, scaler.Count);
        var batches = new Tensor[fitShapes.Length];
        for (int b = 0; b < fitShapes.Length; b++)
        {
            var mapping = new LayoutMapping(layout, layout, fitShapes[b]);
            T[] batch = TensorData.Narrow<T>(data.ChannelledInput(mapping, constantChannel));
            scaler.Fit(batch, fitShapes[b]);
            batches[b] = TensorData.ToTensor(TensorData.Widen<T>(batch), mapping.TorchShapeInLayoutOrder, dtype);
        }

        Tensor all = torch.cat(batches, layout.IndexOf('N', StringComparison.Ordinal));
        long statistics = reduced.Aggregate(all.numel(), (count, dim) => count / all.shape[dim]);
        Assert.Equal(all.numel() / statistics, scaler.Count);
        return new FitResult(name, layout, all, reduced, data, constantChannel);
    }

    private static void CheckTransforms<T>(IInputScaler<T> scaler, FitResult fit, int[] shape,
        Func<Tensor, Tensor> transform, Func<Tensor, Tensor> inverse, Func<InputData, double[]> scaledValues)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ScalarType dtype = TensorData.DType<T>();
        var mapping = new LayoutMapping(fit.Layout, fit.Layout, shape);
        Tolerance tolerance = Tolerances.Forward<T>();

        T[] input = TensorData.Narrow<T>(fit.Random.ChannelledInput(mapping, fit.ConstantChannel));
        double[] expected = TensorData.ToArray(transform(TensorData.ToTensor(TensorData.Widen<T>(input), mapping.TorchShapeInLayoutOrder, dtype)));
        var output = new T[input.Length];
        scaler.Transform(input, output, shape);
        Closeness.AssertClose($"{fit.Name}: Transform", expected, TensorData.Widen<T>(output), tolerance);

        T[] inPlace = (T[])input.Clone();
        scaler.Transform(inPlace, inPlace, shape);
        Closeness.AssertClose($"{fit.Name}: Transform in place", expected, TensorData.Widen<T>(inPlace), tolerance);

        T[] scaled = TensorData.Narrow<T>(scaledValues(fit.Random));
        double[] expectedOriginal = TensorData.ToArray(inverse(TensorData.ToTensor(TensorData.Widen<T>(scaled), mapping.TorchShapeInLayoutOrder, dtype)));
        var original = new T[scaled.Length];
        scaler.InverseTransform(scaled, original, shape);
        Closeness.AssertClose($"{fit.Name}: InverseTransform", expectedOriginal, TensorData.Widen<T>(original), tolerance);
    }

    private static int ElementCount(int[] shape) => shape.Aggregate(1, (product, extent) => product * extent);
}
