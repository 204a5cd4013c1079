using System;
using System.Linq;
using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>RMSNorm (<c>Center = false</c>) against libtorch: <c>nn.RMSNorm</c>'s computation composed from tensor
/// operations (see <see cref="TorchReference"/>), differentiated by autograd.</summary>
public class RmsNormConformanceTests
{
    [Fact]
    public void RmsNormOverLastDimensionFloat() =>
        ConformanceRun.Run(new RmsNormLastFloat(), TorchNorm.Rms([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void RmsNormOverLastDimensionDouble() =>
        ConformanceRun.Run(new RmsNormLastDouble(), TorchNorm.Rms([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void RmsNormConstructedFloat() =>
        ConformanceRun.Run(new RmsNormConstructedFloat(37), TorchNorm.Rms([37]), "NLC", [2, 3, 37]);

    [Fact]
    public void RmsNormOverLastThreeDimensionsFloat() =>
        ConformanceRun.Run(new RmsNormLastThreeFloat(), TorchNorm.Rms([3, 5, 7]), "NCHW", [3, 3, 5, 7]);

    [Fact]
    public void RmsNormOverLastThreeDimensionsDouble() =>
        ConformanceRun.Run(new RmsNormLastThreeDouble(), TorchNorm.Rms([3, 5, 7]), "NCHW", [3, 3, 5, 7]);

    [Fact]
    public void RmsNormChannelsLastFloat() =>
        ConformanceRun.Run(new RmsNormChannelsLastFloat(), TorchNorm.Rms([5, 7, 3]), "NHWC", [3, 5, 7, 3]);

    [Fact]
    public void RmsNormOn2dInputWithEpsFloat() =>
        ConformanceRun.Run(new RmsNorm2dInputEpsFloat(), TorchNorm.Rms([11], eps: 1e-6), "NC", [9, 11]);

    [Fact]
    public void RmsNormWithoutAffineDouble() =>
        ConformanceRun.Run(new RmsNormNoAffineDouble(), TorchNorm.Rms([13], elementwiseAffine: false), "NLC", [3, 5, 13]);

    [Fact]
    public void RmsNormOnStridedDataFloat() =>
        ConformanceRun.Run(new RmsNormStridedFloat(), TorchNorm.Rms([9]), "NLC", [3, 9, 11]);

    [Fact]
    public void RmsNormSequenceFirstFloat() =>
        ConformanceRun.Run(new RmsNormSequenceFirstFloat(), TorchNorm.Rms([13]), "LNC", [5, 3, 13]);

    /// <summary>A row of zeros gives 0 · weight in both (eps keeps the inverse RMS finite), and the same finite gradients.</summary>
    [Fact]
    public void RmsNormAllZeroRowMatchesLibtorchFloat() => AllZeroRow(new RmsNormLastFloat());

    [Fact]
    public void RmsNormAllZeroRowMatchesLibtorchDouble() => AllZeroRow(new RmsNormLastDouble());

    private static void AllZeroRow<T>(INormalizationLayer<T> layer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        int[] shape = [2, 3, 13];
        var data = new InputData(7);
        T[] weight = TensorData.Narrow<T>(data.Uniform(13, 0.5, 1.5));
        weight.CopyTo(layer.Weight!, 0);
        T[] input = TensorData.Narrow<T>(data.Normal(2 * 3 * 13, 0.0, 1.0));
        Array.Fill(input, T.Zero, 13 * 4, 13);
        T[] outputGrad = TensorData.Narrow<T>(data.Normal(input.Length, 0.0, 1.0));
        var output = new T[input.Length];
        var inputGrad = new T[input.Length];
        layer.Forward(input, output, shape);
        layer.Backward(input, outputGrad, inputGrad, shape);

        using var reference = new TorchReference(TorchNorm.Rms([13]), TensorData.DType<T>());
        reference.SetAffine(TensorData.Widen<T>(weight), null);
        using var x = TensorData.ToTensor(TensorData.Widen<T>(input), [2, 3, 13], reference.DType).requires_grad_();
        using var y = reference.Forward(x);
        using var dy = TensorData.ToTensor(TensorData.Widen<T>(outputGrad), [2, 3, 13], reference.DType);
        y.backward([dy]);

        double[] actual = TensorData.Widen<T>(output);
        Assert.All(actual.Skip(13 * 4).Take(13), value => Assert.Equal(0.0, value));
        Assert.All(TensorData.Widen<T>(inputGrad), value => Assert.True(double.IsFinite(value), $"input gradient {value}"));
        Closeness.AssertClose("output", TensorData.ToArray(y), actual, Tolerances.Forward<T>());
        Closeness.AssertClose("input gradient", TensorData.ToArray(x.grad!), TensorData.Widen<T>(inputGrad), Tolerances.Gradient<T>());
        Closeness.AssertClose("weight gradient", TensorData.ToArray(reference.Weight!.grad!), TensorData.Widen<T>(layer.WeightGrad!), Tolerances.Gradient<T>());
    }
}
