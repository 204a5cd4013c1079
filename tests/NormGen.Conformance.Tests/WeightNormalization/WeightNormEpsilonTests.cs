using Xunit;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>
/// Epsilon &gt; 0 against libtorch with <c>clamp_min(norm, eps)</c>: one row of v all zeros and one with a norm just
/// above zero, both below the epsilon, so the clamped forward and backward run beside the ordinary rows.
/// </summary>
public class WeightNormEpsilonTests
{
    private static readonly int[] Conv = [7, 3, 5, 3];
    private static readonly int[] Linear = [9, 11];

    [Fact]
    public void ConvDim0ZeroAndTinyRowsFloat() =>
        WeightNormCheck.Run(new ConvDim0EpsilonFloat(), Conv, 0, 201, 1e-3, new ScaledRow(2, 0.0), new ScaledRow(5, 1e-5));

    [Fact]
    public void ConvDim0ZeroAndTinyRowsDouble() =>
        WeightNormCheck.Run(new ConvDim0EpsilonDouble(), Conv, 0, 202, 1e-3, new ScaledRow(2, 0.0), new ScaledRow(5, 1e-5));

    [Fact]
    public void LinearLastDimZeroAndTinyColumnsFloat() =>
        WeightNormCheck.Run(new LinearLastDimEpsilonFloat(), Linear, 1, 203, 1e-3, new ScaledRow(0, 0.0), new ScaledRow(10, 1e-5));

    [Fact]
    public void LinearLastDimWithoutClampedColumnsFloat() =>
        WeightNormCheck.Run(new LinearLastDimEpsilonFloat(), Linear, 1, 204, 1e-3);

    [Fact]
    public void ConvWholeWeightAllZeroDouble() =>
        WeightNormCheck.Run(new ConvWholeEpsilonDouble(), Conv, -1, 205, 1e-3, new ScaledRow(0, 0.0));

    [Fact]
    public void ConvWholeWeightTinyDouble() =>
        WeightNormCheck.Run(new ConvWholeEpsilonDouble(), Conv, -1, 206, 1e-3, new ScaledRow(0, 1e-5));

    [Fact]
    public void LinearWholeWeightTinyFloat() =>
        WeightNormCheck.Run(new LinearWholeEpsilonFloat(), Linear, -1, 207, 1e-3, new ScaledRow(0, 1e-5));

    [Fact]
    public void LinearWholeWeightUnclampedFloat() =>
        WeightNormCheck.Run(new LinearWholeEpsilonFloat(), Linear, -1, 208, 1e-3);
}
