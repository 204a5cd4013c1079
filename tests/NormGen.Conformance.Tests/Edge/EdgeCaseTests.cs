using System;
using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using Xunit;

namespace NormGen.Conformance.Tests.Edge;

/// <summary>Constant channels and batch-1 evaluation against libtorch; one value per channel in training.</summary>
/// <remarks>
/// For a constant channel the exact result is x − mean = 0, so y = β and γ's gradient gets nothing from it.
/// libtorch's float32 kernel does not reproduce the mean exactly (it scales the sum by a rounded 1/count), and the
/// rounding residue is multiplied by 1/sqrt(eps) ≈ 316: its output is off by ~1e-5 and γ's gradient by ~1e-4, more
/// than the float tolerances. Float cases therefore take libtorch's float64 kernel, on the same float inputs, as the
/// reference; double cases compare double with double as everywhere else.
/// </remarks>
public class EdgeCaseTests
{
    [Fact]
    public void BatchNorm2dWithConstantChannelFloat() =>
        ConformanceRun.Run(new BatchNorm2dFloat(), TorchNorm.Batch(3), "NCHW", [5, 3, 7, 9], constantChannel: 1, referenceInFloat64: true);

    [Fact]
    public void BatchNorm2dWithConstantChannelDouble() =>
        ConformanceRun.Run(new BatchNorm2dDouble(), TorchNorm.Batch(3), "NCHW", [5, 3, 7, 9], constantChannel: 1);

    [Fact]
    public void InstanceNorm2dWithConstantInstancesFloat() =>
        ConformanceRun.Run(new InstanceNorm2dAffineTrackedFloat(), TorchNorm.Instance(3, affine: true, trackRunningStats: true), "NCHW", [3, 3, 7, 9], constantChannel: 0, referenceInFloat64: true);

    [Fact]
    public void GroupNormWithConstantGroupFloat() =>
        ConformanceRun.Run(new GroupNorm6Float(), TorchNorm.Group(6, 6), "NCHW", [3, 6, 5, 7], constantChannel: 4, referenceInFloat64: true);

    [Fact]
    public void BatchNorm2dEvalWithBatchOfOneFloat() =>
        ConformanceRun.Run(new BatchNorm2dFloat(), TorchNorm.Batch(3), "NCHW", [5, 3, 7, 9], evalShape: [1, 3, 7, 9]);

    [Fact]
    public void BatchNorm2dEvalWithBatchOfOneDouble() =>
        ConformanceRun.Run(new BatchNorm2dDouble(), TorchNorm.Batch(3), "NCHW", [5, 3, 7, 9], evalShape: [1, 3, 7, 9]);

    [Fact]
    public void BatchNorm1dEvalWithSingleSampleDouble() =>
        ConformanceRun.Run(new BatchNorm1dDouble(), TorchNorm.Batch(7), "NC", [9, 7], evalShape: [1, 7]);

    /// <summary>
    /// PyTorch's <c>F.batch_norm</c> raises "Expected more than 1 value per channel when training" for a (1, C) input;
    /// NormGen throws <see cref="ArgumentException"/> and leaves output, statistics and count as they were.
    /// </summary>
    [Fact]
    public void BatchNorm1dTrainingWithSingleSampleIsRejectedAndChangesNothing()
    {
        var layer = new BatchNorm1dFloat();
        float[] input = [0.5f, -1f, 2f, 0.25f, 3f, -2f, 1f];
        float[] output = [9f, 9f, 9f, 9f, 9f, 9f, 9f];

        Assert.ThrowsAny<ArgumentException>(() => layer.Forward(input, output, [1, 7]));

        Assert.All(output, value => Assert.Equal(9f, value));
        Assert.All(layer.RunningMean, value => Assert.Equal(0f, value));
        Assert.All(layer.RunningVar, value => Assert.Equal(1f, value));
        Assert.Equal(0L, layer.NumBatchesTracked);
    }
}
