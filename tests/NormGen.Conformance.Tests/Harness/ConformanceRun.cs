using System;
using System.Numerics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>
/// Runs a NormGen layer and its libtorch reference side by side: the same random γ and β, then
/// <see cref="TrainingSteps"/> training steps and one eval step on fresh random inputs, each a forward and a
/// backward with a random output gradient. After every step it compares the output, the input gradient, the
/// weight and bias gradients (accumulated over the training steps on both sides, as PyTorch's <c>.grad</c>;
/// zeroed on both before the eval step), the running mean and variance, and the batch count.
/// </summary>
internal static class ConformanceRun
{
    public const int TrainingSteps = 3;

    private const int Seed = 20240611;

    /// <param name="layer">The generated layer, fresh.</param>
    /// <param name="spec">The PyTorch module it should match.</param>
    /// <param name="torchOrder">The axis order libtorch's function expects, e.g. "NCHW" (for LayerNorm: the layout).</param>
    /// <param name="shape">Extents in the layer's layout order.</param>
    /// <param name="evalShape">Extents for the eval step, when they differ (e.g. batch 1).</param>
    /// <param name="constantChannel">A channel whose input is constant in every step, or −1.</param>
    /// <param name="referenceInFloat64">Run libtorch in float64 on the same values even for a float layer, for data
    /// where libtorch's float32 kernel is itself inaccurate (see <c>EdgeCaseTests</c>). Tolerances stay those of T.</param>
    public static void Run<T>(INormalizationLayer<T> layer, TorchNorm spec, string torchOrder, int[] shape,
        int[]? evalShape = null, int constantChannel = -1, bool referenceInFloat64 = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        using var reference = new TorchReference(spec, referenceInFloat64 ? ScalarType.Float64 : TensorData.DType<T>());
        var data = new InputData(Seed);
        string name = layer.GetType().Name;

        AssertSameState(name, layer, reference);
        SetRandomAffine(layer, reference, data);

        var training = new LayoutMapping(layer.Layout, torchOrder, shape);
        for (int step = 1; step <= TrainingSteps; step++)
            Step(layer, reference, training, data, constantChannel, $"{name}, training step {step}");

        layer.Training = false;
        reference.Training = false;
        layer.ZeroGrad();
        reference.ZeroGrad();
        var eval = new LayoutMapping(layer.Layout, torchOrder, evalShape ?? shape);
        Step(layer, reference, eval, data, constantChannel, $"{name}, eval step");
    }

    private static void Step<T>(INormalizationLayer<T> layer, TorchReference reference, LayoutMapping mapping,
        InputData data, int constantChannel, string context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = TensorData.Narrow<T>(data.ChannelledInput(mapping, constantChannel));
        T[] outputGrad = TensorData.Narrow<T>(data.Normal(mapping.ElementCount, 0.0, 1.0));
        var output = new T[input.Length];
        var inputGrad = new T[input.Length];
        layer.Forward(input, output, mapping.Shape);
        layer.Backward(input, outputGrad, inputGrad, mapping.Shape);

        // libtorch sees the layout-ordered data through a permuted view, so its input gradient comes back in layout order.
        using var x = TensorData.ToTensor(TensorData.Widen<T>(input), mapping.TorchShapeInLayoutOrder, reference.DType).requires_grad_();
        using var xTorch = x.permute(mapping.ToTorch);
        using var y = reference.Forward(xTorch);
        using var dy = TensorData.ToTensor(TensorData.Widen<T>(outputGrad), mapping.TorchShapeInLayoutOrder, reference.DType);
        using var dyTorch = dy.permute(mapping.ToTorch);
        y.backward([dyTorch]);
        using var yLayout = y.permute(mapping.ToLayout);

        Tolerance forward = Tolerances.Forward<T>();
        Tolerance gradient = Tolerances.Gradient<T>();
        Closeness.AssertClose($"{context}: output", TensorData.ToArray(yLayout), TensorData.Widen<T>(output), forward);
        Closeness.AssertClose($"{context}: input gradient", TensorData.ToArray(x.grad!), TensorData.Widen<T>(inputGrad), gradient);
        if (reference.Weight is not null)
        {
            Closeness.AssertClose($"{context}: weight gradient", TensorData.ToArray(reference.Weight.grad!), TensorData.Widen<T>(layer.WeightGrad!), gradient);
            if (reference.Bias is not null)
            {
                Closeness.AssertClose($"{context}: bias gradient", TensorData.ToArray(reference.Bias.grad!), TensorData.Widen<T>(layer.BiasGrad!), gradient);
            }
        }

        if (reference.RunningMean is not null)
        {
            Closeness.AssertClose($"{context}: running mean", TensorData.ToArray(reference.RunningMean), TensorData.Widen<T>(layer.RunningMean!), forward);
            Closeness.AssertClose($"{context}: running variance", TensorData.ToArray(reference.RunningVar!), TensorData.Widen<T>(layer.RunningVar!), forward);
        }

        Assert.True(reference.NumBatchesTracked == layer.NumBatchesTracked,
            $"{context}: batches tracked: expected {reference.NumBatchesTracked}, NormGen {layer.NumBatchesTracked}.");
    }

    /// <summary>The same random γ (in [0.5, 1.5]) and β (normal, spread 0.5) in the layer and the reference, when it has them.</summary>
    public static void SetRandomAffine<T>(INormalizationLayer<T> layer, TorchReference reference, InputData data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (layer.Weight is null)
        {
            return;
        }

        T[] weight = TensorData.Narrow<T>(data.Uniform(layer.Weight.Length, 0.5, 1.5));
        weight.CopyTo(layer.Weight, 0);
        T[]? bias = null;
        if (layer.Bias is not null)
        {
            bias = TensorData.Narrow<T>(data.Normal(layer.Bias.Length, 0.0, 0.5));
            bias.CopyTo(layer.Bias, 0);
        }

        reference.SetAffine(TensorData.Widen<T>(weight), bias is null ? null : TensorData.Widen<T>(bias));
    }

    /// <summary>The layer has exactly the parameters and statistics its PyTorch counterpart has, at their initial values.</summary>
    private static void AssertSameState<T>(string name, INormalizationLayer<T> layer, TorchReference reference)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True((reference.Weight is null) == (layer.Weight is null) && (reference.Bias is null) == (layer.Bias is null),
            $"{name}: affine parameters present in {(reference.Weight is null ? "NormGen only" : "libtorch only")}.");
        Assert.True((reference.RunningMean is null) == (layer.RunningMean is null) && (reference.RunningVar is null) == (layer.RunningVar is null),
            $"{name}: running statistics present in {(reference.RunningMean is null ? "NormGen only" : "libtorch only")}.");
        if (reference.Weight is not null)
        {
            Closeness.AssertClose($"{name}: initial weight", TensorData.ToArray(reference.Weight), TensorData.Widen<T>(layer.Weight!), Tolerances.Forward<T>());
            if (reference.Bias is not null)
            {
                Closeness.AssertClose($"{name}: initial bias", TensorData.ToArray(reference.Bias), TensorData.Widen<T>(layer.Bias!), Tolerances.Forward<T>());
            }
        }

        if (reference.RunningMean is not null)
        {
            Closeness.AssertClose($"{name}: initial running mean", TensorData.ToArray(reference.RunningMean), TensorData.Widen<T>(layer.RunningMean!), Tolerances.Forward<T>());
            Closeness.AssertClose($"{name}: initial running variance", TensorData.ToArray(reference.RunningVar!), TensorData.Widen<T>(layer.RunningVar!), Tolerances.Forward<T>());
        }

        Assert.Equal(0L, layer.NumBatchesTracked);
    }
}
