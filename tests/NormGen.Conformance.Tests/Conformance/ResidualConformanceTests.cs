using System.Numerics;
using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>
/// A fused residual against libtorch's modules composed with tensor operations, autograd through all of them:
/// <c>act(norm(x) + r)</c> (the gradients of x and r), and <c>s = x + r; y = act(norm(s))</c> with a loss that reads s
/// too (<c>sum(y * dy) + sum(s * v)</c>: the gradient of x and of r, equal, against the layer's Backward with sumGrad = v).
/// Three training steps and an eval step; outputs, both input gradients, parameter gradients, running statistics.
/// </summary>
public class ResidualConformanceTests
{
    [Fact]
    public void BatchNormPlusIdentityThenReluFloat() =>
        Run(new BatchNormResidualReluFloat(), TorchNorm.Batch(4), "NCHW", [5, 4, 6, 7], NormActivation.Relu);

    [Fact]
    public void BatchNormChannelsLastPlusIdentityThenSiluDouble() =>
        Run(new BatchNormNhwcResidualSiluDouble(), TorchNorm.Batch(4), "NCHW", [5, 6, 7, 4], NormActivation.Silu);

    [Fact]
    public void LayerNormPlusResidualThenGeluFloat() =>
        Run(new LayerNormResidualGeluFloat(), TorchNorm.Layer([13]), "NLC", [3, 5, 13], NormActivation.Gelu);

    [Fact]
    public void GroupNormPlusResidualDouble() =>
        Run(new GroupNormResidualDouble(), TorchNorm.Group(2, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void RmsNormPlusResidualThenSiluFloat() =>
        Run(new RmsNormResidualSiluFloat(), TorchNorm.Rms([13]), "NLC", [3, 5, 13], NormActivation.Silu);

    [Fact]
    public void SkipLayerNormFloat() =>
        Run(new LayerNormSkipFloat(), TorchNorm.Layer([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void SkipLayerNormDouble() =>
        Run(new LayerNormSkipDouble(), TorchNorm.Layer([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void SkipRmsNormFloat() =>
        Run(new RmsNormSkipFloat(), TorchNorm.Rms([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void SkipBatchNormFloat() =>
        Run(new BatchNormSkipFloat(), TorchNorm.Batch(4), "NCHW", [5, 4, 6, 7]);

    [Fact]
    public void SkipGroupNormChannelsLastThenGeluTanhDouble() =>
        Run(new GroupNormNhwcSkipGeluTanhDouble(), TorchNorm.Group(3, 6), "NCHW", [3, 5, 7, 6], NormActivation.GeluTanh);

    /// <param name="activation">The layer's declared activation, applied after the add (before the norm: after the norm).</param>
    private static void Run<T>(INormalizationLayer<T> layer, TorchNorm norm, string torchOrder, int[] shape, NormActivation activation = NormActivation.None)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        using var reference = new TorchReference(layer is ISkipNormalizationLayer<T> ? norm.Then(activation) : norm, TensorData.DType<T>());
        var data = new InputData(20261204);
        string name = layer.GetType().Name;
        ConformanceRun.SetRandomAffine(layer, reference, data);
        var mapping = new LayoutMapping(layer.Layout, torchOrder, shape);
        for (int step = 1; step <= ConformanceRun.TrainingSteps + 1; step++)
        {
            if (step > ConformanceRun.TrainingSteps)
            {
                layer.Training = false;
                reference.Training = false;
                layer.ZeroGrad();
                reference.ZeroGrad();
            }

            Step(layer, reference, activation, mapping, data, $"{name}, {(layer.Training ? "training" : "eval")} step {step}");
        }
    }

    private static void Step<T>(INormalizationLayer<T> layer, TorchReference reference, NormActivation activation, LayoutMapping mapping, InputData data, string context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = mapping.ElementCount;
        T[] input = TensorData.Narrow<T>(data.ChannelledInput(mapping));
        T[] residual = TensorData.Narrow<T>(data.Normal(count, 0.0, 1.0));
        T[] outputGrad = TensorData.Narrow<T>(data.Normal(count, 0.0, 1.0));
        T[] sumGrad = TensorData.Narrow<T>(data.Normal(count, 0.0, 1.0));
        var output = new T[count];
        var sum = new T[count];
        var inputGrad = new T[count];
        var residualGrad = new T[count];
        if (layer is IResidualNormalizationLayer<T> beforeActivation)
        {
            beforeActivation.Forward(input, residual, output, mapping.Shape);
            beforeActivation.Backward(input, residual, outputGrad, inputGrad, residualGrad, mapping.Shape);
        }
        else
        {
            var beforeNorm = (ISkipNormalizationLayer<T>)layer;
            beforeNorm.Forward(input, residual, sum, output, mapping.Shape);
            beforeNorm.Backward(sum, outputGrad, sumGrad, inputGrad, mapping.Shape);
            inputGrad.CopyTo(residualGrad, 0);
        }

        using var x = TensorData.ToTensor(TensorData.Widen<T>(input), mapping.TorchShapeInLayoutOrder, reference.DType).requires_grad_();
        using var r = TensorData.ToTensor(TensorData.Widen<T>(residual), mapping.TorchShapeInLayoutOrder, reference.DType).requires_grad_();
        using var dy = TensorData.ToTensor(TensorData.Widen<T>(outputGrad), mapping.TorchShapeInLayoutOrder, reference.DType);
        using var v = TensorData.ToTensor(TensorData.Widen<T>(sumGrad), mapping.TorchShapeInLayoutOrder, reference.DType);
        Tensor y;
        Tensor loss;
        if (layer is IResidualNormalizationLayer<T>)
        {
            // norm in libtorch's axis order, back to the layout, + r, then the activation.
            using var normalized = reference.Forward(x.permute(mapping.ToTorch)).permute(mapping.ToLayout);
            y = TorchReference.Activate(normalized + r, activation);
            loss = (y * dy).sum();
        }
        else
        {
            var s = x + r;
            y = reference.Forward(s.permute(mapping.ToTorch)).permute(mapping.ToLayout);
            loss = (y * dy).sum() + (s * v).sum();
            Closeness.AssertClose($"{context}: sum", TensorData.ToArray(s.detach()), TensorData.Widen<T>(sum), Tolerances.Forward<T>());
        }

        loss.backward();
        Tolerance forward = Tolerances.Forward<T>();
        Tolerance gradient = Tolerances.Gradient<T>();
        Closeness.AssertClose($"{context}: output", TensorData.ToArray(y.detach().contiguous()), TensorData.Widen<T>(output), forward);
        Closeness.AssertClose($"{context}: input gradient", TensorData.ToArray(x.grad!), TensorData.Widen<T>(inputGrad), gradient);
        Closeness.AssertClose($"{context}: residual gradient", TensorData.ToArray(r.grad!), TensorData.Widen<T>(residualGrad), gradient);
        Closeness.AssertClose($"{context}: weight gradient", TensorData.ToArray(reference.Weight!.grad!), TensorData.Widen<T>(layer.WeightGrad!), gradient);
        if (reference.Bias is not null)
        {
            Closeness.AssertClose($"{context}: bias gradient", TensorData.ToArray(reference.Bias.grad!), TensorData.Widen<T>(layer.BiasGrad!), gradient);
        }

        if (reference.RunningMean is not null)
        {
            Closeness.AssertClose($"{context}: running mean", TensorData.ToArray(reference.RunningMean), TensorData.Widen<T>(layer.RunningMean!), forward);
            Closeness.AssertClose($"{context}: running variance", TensorData.ToArray(reference.RunningVar!), TensorData.Widen<T>(layer.RunningVar!), forward);
        }
    }
}
