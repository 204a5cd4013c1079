using Xunit;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>
/// Weight normalisation against libtorch (<c>norm_except_dim</c> and <c>_weight_norm</c> built from libtorch
/// operations, autograd for the gradients) for every kind of Dim: the first, a middle one, the last, one counted from
/// the end, and -1 (one norm over the whole weight), on a 4-D convolution weight and a 2-D linear weight.
/// </summary>
public class WeightNormConformanceTests
{
    private static readonly int[] Conv = [7, 3, 5, 3];
    private static readonly int[] Linear = [9, 11];

    [Fact]
    public void ConvDim0Float() => WeightNormCheck.Run(new ConvDim0Float(), Conv, 0, 101);

    [Fact]
    public void ConvDim0Double() => WeightNormCheck.Run(new ConvDim0Double(), Conv, 0, 102);

    [Fact]
    public void ConvDim1Float() => WeightNormCheck.Run(new ConvDim1Float(), Conv, 1, 103);

    [Fact]
    public void ConvDim1Double() => WeightNormCheck.Run(new ConvDim1Double(), Conv, 1, 104);

    [Fact]
    public void ConvLastDimFloat() => WeightNormCheck.Run(new ConvLastDimFloat(), Conv, 3, 105);

    [Fact]
    public void ConvLastDimDouble() => WeightNormCheck.Run(new ConvLastDimDouble(), Conv, 3, 106);

    [Fact]
    public void ConvDimMinus2Float() => WeightNormCheck.Run(new ConvDimMinus2Float(), Conv, -2, 107);

    [Fact]
    public void ConvDimMinus2Double() => WeightNormCheck.Run(new ConvDimMinus2Double(), Conv, -2, 108);

    [Fact]
    public void ConvWholeWeightFloat() => WeightNormCheck.Run(new ConvWholeFloat(), Conv, -1, 109);

    [Fact]
    public void ConvWholeWeightDouble() => WeightNormCheck.Run(new ConvWholeDouble(), Conv, -1, 110);

    [Fact]
    public void LinearDim0Float() => WeightNormCheck.Run(new LinearDim0Float(), Linear, 0, 111);

    [Fact]
    public void LinearDim0Double() => WeightNormCheck.Run(new LinearDim0Double(), Linear, 0, 112);

    [Fact]
    public void LinearLastDimFloat() => WeightNormCheck.Run(new LinearLastDimFloat(), Linear, 1, 113);

    [Fact]
    public void LinearLastDimDouble() => WeightNormCheck.Run(new LinearLastDimDouble(), Linear, 1, 114);

    [Fact]
    public void LinearDimMinus2Float() => WeightNormCheck.Run(new LinearDimMinus2Float(), Linear, -2, 115);

    [Fact]
    public void LinearDimMinus2Double() => WeightNormCheck.Run(new LinearDimMinus2Double(), Linear, -2, 116);

    [Fact]
    public void LinearWholeWeightFloat() => WeightNormCheck.Run(new LinearWholeFloat(), Linear, -1, 117);

    [Fact]
    public void LinearWholeWeightDouble() => WeightNormCheck.Run(new LinearWholeDouble(), Linear, -1, 118);
}
