using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>A fused activation against libtorch's normalisation followed by its activation (<c>relu</c>, <c>silu</c>,
/// <c>gelu</c>; the tanh-approximated GELU from tensor operations), autograd through both: three training steps and
/// an eval step, outputs and every gradient.</summary>
public class ActivationConformanceTests
{
    [Fact]
    public void BatchNormThenReluFloat() =>
        ConformanceRun.Run(new BatchNormReluFloat(), TorchNorm.Batch(4).Then(NormActivation.Relu), "NCHW", [5, 4, 6, 7]);

    [Fact]
    public void BatchNormChannelsLastThenSiluDouble() =>
        ConformanceRun.Run(new BatchNormNhwcSiluDouble(), TorchNorm.Batch(4).Then(NormActivation.Silu), "NCHW", [5, 6, 7, 4]);

    [Fact]
    public void LayerNormThenGeluFloat() =>
        ConformanceRun.Run(new LayerNormGeluFloat(), TorchNorm.Layer([13]).Then(NormActivation.Gelu), "NLC", [3, 5, 13]);

    [Fact]
    public void LayerNormThenGeluDouble() =>
        ConformanceRun.Run(new LayerNormGeluDouble(), TorchNorm.Layer([13]).Then(NormActivation.Gelu), "NLC", [3, 5, 13]);

    [Fact]
    public void LayerNormThenGeluTanhFloat() =>
        ConformanceRun.Run(new LayerNormGeluTanhFloat(), TorchNorm.Layer([13]).Then(NormActivation.GeluTanh), "NLC", [3, 5, 13]);

    [Fact]
    public void GroupNormChannelsLastThenSiluFloat() =>
        ConformanceRun.Run(new GroupNormNhwcSiluFloat(), TorchNorm.Group(2, 6).Then(NormActivation.Silu), "NCHW", [3, 5, 7, 6]);

    [Fact]
    public void GroupNormThenGeluTanhDouble() =>
        ConformanceRun.Run(new GroupNormGeluTanhDouble(), TorchNorm.Group(3, 6).Then(NormActivation.GeluTanh), "NCHW", [3, 6, 5, 7]);
}
