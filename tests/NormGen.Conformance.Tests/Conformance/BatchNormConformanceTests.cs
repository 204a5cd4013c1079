using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>BatchNorm1d/2d/3d against libtorch's <c>batch_norm</c>; shapes have no extent divisible by 8.</summary>
public class BatchNormConformanceTests
{
    [Fact]
    public void BatchNorm1dOn2dInputFloat() =>
        ConformanceRun.Run(new BatchNorm1dFloat(), TorchNorm.Batch(7), "NC", [9, 7]);

    [Fact]
    public void BatchNorm1dOn2dInputDouble() =>
        ConformanceRun.Run(new BatchNorm1dDouble(), TorchNorm.Batch(7), "NC", [9, 7]);

    [Fact]
    public void BatchNorm1dOn3dInputFloat() =>
        ConformanceRun.Run(new BatchNorm1dNclFloat(), TorchNorm.Batch(5), "NCL", [3, 5, 11]);

    [Fact]
    public void BatchNorm1dOn3dInputDouble() =>
        ConformanceRun.Run(new BatchNorm1dNclDouble(), TorchNorm.Batch(5), "NCL", [3, 5, 11]);

    [Fact]
    public void BatchNorm1dOnLengthMajorDataFloat() =>
        ConformanceRun.Run(new BatchNorm1dNlcFloat(), TorchNorm.Batch(5), "NCL", [3, 11, 5]);

    [Fact]
    public void BatchNorm2dFloat() =>
        ConformanceRun.Run(new BatchNorm2dFloat(), TorchNorm.Batch(3), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm2dDouble() =>
        ConformanceRun.Run(new BatchNorm2dDouble(), TorchNorm.Batch(3), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm2dAfterGlobalPoolingFloat() =>
        ConformanceRun.Run(new BatchNorm2dPooledFloat(), TorchNorm.Batch(11), "NCHW", [9, 11, 1, 1]);

    [Fact]
    public void BatchNorm2dAfterGlobalPoolingDouble() =>
        ConformanceRun.Run(new BatchNorm2dPooledDouble(), TorchNorm.Batch(11), "NCHW", [9, 11, 1, 1]);

    [Fact]
    public void BatchNorm2dOnSmallFeatureMapsFloat() =>
        ConformanceRun.Run(new BatchNorm2dPooledFloat(), TorchNorm.Batch(11), "NCHW", [9, 11, 2, 3]);

    [Fact]
    public void BatchNorm2dOnSmallFeatureMapsDouble() =>
        ConformanceRun.Run(new BatchNorm2dPooledDouble(), TorchNorm.Batch(11), "NCHW", [9, 11, 2, 3]);

    [Fact]
    public void BatchNorm1dOn3dInputOfLengthOneFloat() =>
        ConformanceRun.Run(new BatchNorm1dNclFloat(), TorchNorm.Batch(5), "NCL", [9, 5, 1]);

    [Fact]
    public void BatchNorm2dChannelsLastFloat() =>
        ConformanceRun.Run(new BatchNorm2dNhwcFloat(), TorchNorm.Batch(3), "NCHW", [5, 7, 9, 3]);

    [Fact]
    public void BatchNorm2dChannelsLastDouble() =>
        ConformanceRun.Run(new BatchNorm2dNhwcDouble(), TorchNorm.Batch(3), "NCHW", [5, 7, 9, 3]);

    [Fact]
    public void BatchNorm3dFloat() =>
        ConformanceRun.Run(new BatchNorm3dFloat(), TorchNorm.Batch(3), "NCDHW", [3, 3, 5, 3, 7]);

    [Fact]
    public void BatchNorm3dDouble() =>
        ConformanceRun.Run(new BatchNorm3dDouble(), TorchNorm.Batch(3), "NCDHW", [3, 3, 5, 3, 7]);

    [Fact]
    public void BatchNorm3dChannelsLastFloat() =>
        ConformanceRun.Run(new BatchNorm3dNdhwcFloat(), TorchNorm.Batch(3), "NCDHW", [3, 5, 3, 7, 3]);

    [Fact]
    public void BatchNorm2dMomentumNoneFloat() =>
        ConformanceRun.Run(new BatchNorm2dCumulativeFloat(), TorchNorm.Batch(3, momentum: null), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm2dMomentumNoneDouble() =>
        ConformanceRun.Run(new BatchNorm2dCumulativeDouble(), TorchNorm.Batch(3, momentum: null), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm1dMomentumNoneWithEpsDouble() =>
        ConformanceRun.Run(new BatchNorm1dCumulativeEpsDouble(), TorchNorm.Batch(7, eps: 1e-3, momentum: null), "NC", [9, 7]);

    [Fact]
    public void BatchNorm2dEpsAndMomentumFloat() =>
        ConformanceRun.Run(new BatchNorm2dEpsMomentumFloat(), TorchNorm.Batch(3, eps: 1e-3, momentum: 0.3), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm2dEpsAndMomentumDouble() =>
        ConformanceRun.Run(new BatchNorm2dEpsMomentumDouble(), TorchNorm.Batch(3, eps: 1e-3, momentum: 0.3), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm2dWithoutAffineFloat() =>
        ConformanceRun.Run(new BatchNorm2dNoAffineFloat(), TorchNorm.Batch(3, affine: false), "NCHW", [5, 3, 7, 9]);

    [Fact]
    public void BatchNorm1dWithoutRunningStatsUsesBatchStatisticsInEvalFloat() =>
        ConformanceRun.Run(new BatchNorm1dNoRunningStatsFloat(), TorchNorm.Batch(5, trackRunningStats: false), "NCL", [3, 5, 11]);
}
