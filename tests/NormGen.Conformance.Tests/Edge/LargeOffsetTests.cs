using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Edge;

/// <summary>
/// Inputs with mean 1e3 or 1e4 and spread 0.1: NormGen in float must be about as accurate as libtorch in float32,
/// both measured against libtorch in float64 on the same inputs (see <see cref="OffsetAccuracy"/>).
/// </summary>
public class LargeOffsetTests
{
    private const double Spread = 0.1;

    [Theory]
    [InlineData(1e3, 5)]
    [InlineData(1e4, 5)]
    [InlineData(1e4, 13)]
    public void BatchNorm2d(double offset, int batch) =>
        OffsetAccuracy.Run(new OffsetBatchNorm2d(), TorchNorm.Batch(3), "NCHW", [batch, 3, 7, 9], offset, Spread);

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e4)]
    public void LayerNormOverLastDimension(double offset) =>
        OffsetAccuracy.Run(new OffsetLayerNorm(), TorchNorm.Layer([13]), "NLC", [3, 5, 13], offset, Spread);

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e4)]
    public void GroupNorm(double offset) =>
        OffsetAccuracy.Run(new OffsetGroupNorm(), TorchNorm.Group(3, 6), "NCHW", [3, 6, 5, 7], offset, Spread);

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e4)]
    public void InstanceNorm2dWithRunningStats(double offset) =>
        OffsetAccuracy.Run(new OffsetInstanceNorm2d(), TorchNorm.Instance(3, affine: true, trackRunningStats: true), "NCHW", [3, 3, 7, 9], offset, Spread);
}
