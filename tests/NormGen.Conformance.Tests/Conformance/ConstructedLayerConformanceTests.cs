using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>Layers declared without Layout and Channels (and without the element-wise extents) and sized by their
/// constructors, against the libtorch module built with the same sizes.</summary>
public class ConstructedLayerConformanceTests
{
    [Fact]
    public void BatchNorm2dFloat() =>
        ConformanceRun.Run(new ConstructedBatchNorm2dFloat(5), TorchNorm.Batch(5), "NCHW", [3, 5, 7, 9]);

    [Fact]
    public void BatchNorm2dDouble() =>
        ConformanceRun.Run(new ConstructedBatchNorm2dDouble(5), TorchNorm.Batch(5), "NCHW", [3, 5, 7, 9]);

    [Fact]
    public void BatchNorm2dChannelsLastFloat() =>
        ConformanceRun.Run(new ConstructedBatchNorm2dNhwcFloat(5), TorchNorm.Batch(5), "NCHW", [3, 7, 9, 5]);

    [Fact]
    public void GroupNormFloat() =>
        ConformanceRun.Run(new ConstructedGroupNormFloat(9), TorchNorm.Group(3, 9), "NCHW", [3, 9, 5, 7]);

    [Fact]
    public void GroupNormDouble() =>
        ConformanceRun.Run(new ConstructedGroupNormDouble(9), TorchNorm.Group(3, 9), "NCHW", [3, 9, 5, 7]);

    [Fact]
    public void GroupNormChannelsLastDouble() =>
        ConformanceRun.Run(new ConstructedGroupNormNhwcDouble(6), TorchNorm.Group(3, 6), "NCHW", [3, 5, 7, 6]);

    [Fact]
    public void LayerNormFloat() =>
        ConformanceRun.Run(new ConstructedLayerNormFloat(3, 5, 7), TorchNorm.Layer([3, 5, 7]), "NCHW", [3, 3, 5, 7]);

    [Fact]
    public void LayerNormDouble() =>
        ConformanceRun.Run(new ConstructedLayerNormDouble(3, 5, 7), TorchNorm.Layer([3, 5, 7]), "NCHW", [3, 3, 5, 7]);

    [Fact]
    public void InstanceNormFloat() =>
        ConformanceRun.Run(new ConstructedInstanceNormFloat(5), TorchNorm.Instance(5, affine: false, trackRunningStats: false), "NCHW", [3, 5, 7, 9]);

    [Fact]
    public void InstanceNormTrackingRunningStatsDouble() =>
        ConformanceRun.Run(new ConstructedInstanceNormDouble(5), TorchNorm.Instance(5, affine: true, trackRunningStats: true), "NCHW", [3, 5, 7, 9]);
}
