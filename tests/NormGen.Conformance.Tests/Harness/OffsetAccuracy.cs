using System;
using System.Collections.Generic;
using System.Globalization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>
/// Accuracy on data far from zero (mean <c>offset</c>, small spread), where a naive single-pass variance loses every
/// significant digit in float. One training forward and backward run three times on the same float inputs and
/// parameters: NormGen in float, libtorch in float32, and libtorch in float64 as the reference. NormGen's largest error
/// against the reference must stay within <see cref="Tolerances.OffsetErrorFactor"/> of libtorch float32's, plus a
/// floor of <see cref="Tolerances.OffsetErrorFloorUlps"/> float ulps of the largest reference value.
/// </summary>
internal static class OffsetAccuracy
{
    private const int Seed = 5318008;

    public static void Run(INormalizationLayer<float> layer, TorchNorm spec, string torchOrder, int[] shape, double offset, double spread)
    {
        using var scope = torch.NewDisposeScope();
        var data = new InputData(Seed);
        var mapping = new LayoutMapping(layer.Layout, torchOrder, shape);
        string context = string.Create(CultureInfo.InvariantCulture, $"{layer.GetType().Name}, shape {string.Join("x", shape)}, offset {offset:E0}");

        float[] input = TensorData.Narrow<float>(data.Normal(mapping.ElementCount, offset, spread));
        float[] outputGrad = TensorData.Narrow<float>(data.Normal(mapping.ElementCount, 0.0, 1.0));
        double[]? weight = null, bias = null;
        if (layer.Weight is not null)
        {
            weight = TensorData.Widen<float>(TensorData.Narrow<float>(data.Uniform(layer.Weight.Length, 0.5, 1.5)));
            bias = TensorData.Widen<float>(TensorData.Narrow<float>(data.Normal(layer.Bias!.Length, 0.0, 0.5)));
            TensorData.Narrow<float>(weight).CopyTo(layer.Weight, 0);
            TensorData.Narrow<float>(bias).CopyTo(layer.Bias, 0);
        }

        var output = new float[input.Length];
        var inputGrad = new float[input.Length];
        layer.Forward(input, output, mapping.Shape);
        layer.Backward(input, outputGrad, inputGrad, mapping.Shape);
        var normGen = new Result(TensorData.Widen<float>(output), TensorData.Widen<float>(inputGrad),
            layer.RunningVar is null ? null : TensorData.Widen<float>(layer.RunningVar));

        Result single = RunTorch(spec, ScalarType.Float32, mapping, input, outputGrad, weight, bias);
        Result exact = RunTorch(spec, ScalarType.Float64, mapping, input, outputGrad, weight, bias);

        // Every quantity is measured before failing, so one message shows the whole picture.
        var failures = new List<string>();
        CheckNoWorse(failures, "output", exact.Output, single.Output, normGen.Output);
        CheckNoWorse(failures, "input gradient", exact.InputGrad, single.InputGrad, normGen.InputGrad);
        if (exact.RunningVar is not null)
            CheckNoWorse(failures, "running variance", exact.RunningVar, single.RunningVar!, normGen.RunningVar!);
        Assert.True(failures.Count == 0, $"{context}: " + string.Join("; ", failures));
    }

    private sealed record Result(double[] Output, double[] InputGrad, double[]? RunningVar);

    private static Result RunTorch(TorchNorm spec, ScalarType dtype, LayoutMapping mapping, float[] input, float[] outputGrad,
        double[]? weight, double[]? bias)
    {
        using var reference = new TorchReference(spec, dtype);
        if (weight is not null)
            reference.SetAffine(weight, bias!);
        using var x = TensorData.ToTensor(TensorData.Widen<float>(input), mapping.TorchShapeInLayoutOrder, dtype).requires_grad_();
        using var y = reference.Forward(x.permute(mapping.ToTorch));
        using var dy = TensorData.ToTensor(TensorData.Widen<float>(outputGrad), mapping.TorchShapeInLayoutOrder, dtype);
        y.backward([dy.permute(mapping.ToTorch)]);
        return new Result(TensorData.ToArray(y.permute(mapping.ToLayout)), TensorData.ToArray(x.grad!),
            reference.RunningVar is null ? null : TensorData.ToArray(reference.RunningVar));
    }

    private static void CheckNoWorse(List<string> failures, string what, double[] exact, double[] libtorchFloat, double[] normGen)
    {
        double largest = 0;
        foreach (double value in exact)
            largest = Math.Max(largest, Math.Abs(value));
        double libtorchError = Closeness.MaxAbsoluteError(exact, libtorchFloat);
        double normGenError = Closeness.MaxAbsoluteError(exact, normGen);
        double allowed = Tolerances.OffsetErrorFactor * libtorchError + Tolerances.OffsetErrorFloorUlps * largest * FloatUlpAtOne;
        if (!(normGenError <= allowed))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{what}: NormGen float error {normGenError:E3} against float64, libtorch float32 error {libtorchError:E3} (ratio {normGenError / libtorchError:F1}), allowed {allowed:E3}"));
        }
    }

    /// <summary>The spacing of floats at 1 (2^-23).</summary>
    private const double FloatUlpAtOne = 1.0 / (1 << 23);
}
