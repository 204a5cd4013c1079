using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>GroupNorm against libtorch's <c>group_norm</c> for several group counts, 1 and C included.</summary>
public class GroupNormConformanceTests
{
    [Fact]
    public void OneGroupFloat() =>
        ConformanceRun.Run(new GroupNorm1Float(), TorchNorm.Group(1, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void OneGroupDouble() =>
        ConformanceRun.Run(new GroupNorm1Double(), TorchNorm.Group(1, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void TwoGroupsFloat() =>
        ConformanceRun.Run(new GroupNorm2Float(), TorchNorm.Group(2, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void ThreeGroupsFloat() =>
        ConformanceRun.Run(new GroupNorm3Float(), TorchNorm.Group(3, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void ThreeGroupsDouble() =>
        ConformanceRun.Run(new GroupNorm3Double(), TorchNorm.Group(3, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void GroupPerChannelFloat() =>
        ConformanceRun.Run(new GroupNorm6Float(), TorchNorm.Group(6, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void GroupPerChannelDouble() =>
        ConformanceRun.Run(new GroupNorm6Double(), TorchNorm.Group(6, 6), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void ChannelsLastFloat() =>
        ConformanceRun.Run(new GroupNormNhwcFloat(), TorchNorm.Group(3, 6), "NCHW", [3, 5, 7, 6]);

    [Fact]
    public void SequenceInputFloat() =>
        ConformanceRun.Run(new GroupNormNclFloat(), TorchNorm.Group(2, 6), "NCL", [3, 6, 11]);

    [Fact]
    public void WithoutAffineDouble() =>
        ConformanceRun.Run(new GroupNormNoAffineDouble(), TorchNorm.Group(2, 6, affine: false), "NCHW", [3, 6, 5, 7]);

    [Fact]
    public void VolumeInputWithEpsFloat() =>
        ConformanceRun.Run(new GroupNorm3dEpsFloat(), TorchNorm.Group(3, 6, eps: 1e-3), "NCDHW", [3, 6, 3, 5, 7]);

    [Fact]
    public void SmallestGroupOfOneChannelFloat() =>
        ConformanceRun.Run(new GroupNormSmallestGroupFloat(), TorchNorm.Group(7, 7), "NCHW", [3, 7, 3, 5]);

    [Fact]
    public void LargestGroupOfAllChannelsFloat() =>
        ConformanceRun.Run(new GroupNormLargestGroupFloat(), TorchNorm.Group(1, 7), "NCHW", [3, 7, 3, 5]);
}
