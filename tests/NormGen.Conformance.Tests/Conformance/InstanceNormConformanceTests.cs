using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>
/// InstanceNorm1d/2d/3d against libtorch's <c>instance_norm</c>, with affine and track_running_stats on and off.
/// The batch count is checked against NormGen's documented behaviour (PyTorch's InstanceNorm counts nothing; see
/// <see cref="InstanceNormRunningStatsTests"/>).
/// </summary>
public class InstanceNormConformanceTests
{
    [Fact]
    public void InstanceNorm1dFloat() =>
        ConformanceRun.Run(new InstanceNorm1dFloat(), TorchNorm.Instance(5, affine: false, trackRunningStats: false), "NCL", [3, 5, 11]);

    [Fact]
    public void InstanceNorm1dDouble() =>
        ConformanceRun.Run(new InstanceNorm1dDouble(), TorchNorm.Instance(5, affine: false, trackRunningStats: false), "NCL", [3, 5, 11]);

    [Fact]
    public void InstanceNorm1dAffineTrackedFloat() =>
        ConformanceRun.Run(new InstanceNorm1dAffineTrackedFloat(), TorchNorm.Instance(5, affine: true, trackRunningStats: true), "NCL", [3, 5, 11]);

    [Fact]
    public void InstanceNorm2dFloat() =>
        ConformanceRun.Run(new InstanceNorm2dFloat(), TorchNorm.Instance(3, affine: false, trackRunningStats: false), "NCHW", [3, 3, 7, 9]);

    [Fact]
    public void InstanceNorm2dAffineFloat() =>
        ConformanceRun.Run(new InstanceNorm2dAffineFloat(), TorchNorm.Instance(3, affine: true, trackRunningStats: false), "NCHW", [3, 3, 7, 9]);

    [Fact]
    public void InstanceNorm2dTrackedFloat() =>
        ConformanceRun.Run(new InstanceNorm2dTrackedFloat(), TorchNorm.Instance(3, affine: false, trackRunningStats: true), "NCHW", [3, 3, 7, 9]);

    [Fact]
    public void InstanceNorm2dAffineTrackedFloat() =>
        ConformanceRun.Run(new InstanceNorm2dAffineTrackedFloat(), TorchNorm.Instance(3, affine: true, trackRunningStats: true), "NCHW", [3, 3, 7, 9]);

    [Fact]
    public void InstanceNorm2dAffineTrackedDouble() =>
        ConformanceRun.Run(new InstanceNorm2dAffineTrackedDouble(), TorchNorm.Instance(3, affine: true, trackRunningStats: true), "NCHW", [3, 3, 7, 9]);

    [Fact]
    public void InstanceNorm2dChannelsLastAffineTrackedFloat() =>
        ConformanceRun.Run(new InstanceNorm2dNhwcAffineTrackedFloat(), TorchNorm.Instance(3, affine: true, trackRunningStats: true), "NCHW", [3, 7, 9, 3]);

    [Fact]
    public void InstanceNorm3dAffineFloat() =>
        ConformanceRun.Run(new InstanceNorm3dAffineFloat(), TorchNorm.Instance(3, affine: true, trackRunningStats: false), "NCDHW", [3, 3, 5, 3, 7]);

    [Fact]
    public void InstanceNorm3dAffineTrackedWithEpsAndMomentumDouble() =>
        ConformanceRun.Run(new InstanceNorm3dAffineTrackedDouble(),
            TorchNorm.Instance(3, affine: true, trackRunningStats: true, eps: 1e-3, momentum: 0.3), "NCDHW", [3, 3, 5, 3, 7]);
}
