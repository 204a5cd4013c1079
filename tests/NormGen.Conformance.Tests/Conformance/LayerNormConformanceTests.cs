using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>LayerNorm against libtorch's <c>layer_norm</c>; the data is in PyTorch's order already.</summary>
public class LayerNormConformanceTests
{
    [Fact]
    public void LayerNormOverLastDimensionFloat() =>
        ConformanceRun.Run(new LayerNormLastFloat(), TorchNorm.Layer([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void LayerNormOverLastDimensionDouble() =>
        ConformanceRun.Run(new LayerNormLastDouble(), TorchNorm.Layer([13]), "NLC", [3, 5, 13]);

    [Fact]
    public void LayerNormOverLastThreeDimensionsFloat() =>
        ConformanceRun.Run(new LayerNormLastThreeFloat(), TorchNorm.Layer([3, 5, 7]), "NCHW", [3, 3, 5, 7]);

    [Fact]
    public void LayerNormOverLastThreeDimensionsDouble() =>
        ConformanceRun.Run(new LayerNormLastThreeDouble(), TorchNorm.Layer([3, 5, 7]), "NCHW", [3, 3, 5, 7]);

    [Fact]
    public void LayerNormOn2dInputWithEpsFloat() =>
        ConformanceRun.Run(new LayerNorm2dInputEpsFloat(), TorchNorm.Layer([11], eps: 1e-3), "NC", [9, 11]);

    [Fact]
    public void LayerNormWithoutAffineDouble() =>
        ConformanceRun.Run(new LayerNormNoAffineDouble(), TorchNorm.Layer([13], elementwiseAffine: false), "NLC", [3, 5, 13]);
}
