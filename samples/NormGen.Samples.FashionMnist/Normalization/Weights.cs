using NormGen;

namespace NormGen.Samples.FashionMnist.Normalization
{
    // Weight normalisation of the small CNN's weights (weight_norm(module), dim = 0: one g per output unit).

    /// <summary>Conv2d(1, 8, 3).</summary>
    [WeightNormalize(Shape = new[] { 8, 1, 3, 3 })]
    public partial class ConvWeight8x1 { }

    /// <summary>Conv2d(8, 16, 3).</summary>
    [WeightNormalize(Shape = new[] { 16, 8, 3, 3 })]
    public partial class ConvWeight16x8 { }

    /// <summary>Linear(16 · 7 · 7, 10).</summary>
    [WeightNormalize(Shape = new[] { 10, 784 })]
    public partial class LinearWeight10x784 { }

    /// <summary>Conv2d(1, 16, 3).</summary>
    [WeightNormalize(Shape = new[] { 16, 1, 3, 3 })]
    public partial class ConvWeight16x1 { }

    /// <summary>Conv2d(16, 32, 3).</summary>
    [WeightNormalize(Shape = new[] { 32, 16, 3, 3 })]
    public partial class ConvWeight32x16 { }

    /// <summary>Linear(32 · 7 · 7, 10).</summary>
    [WeightNormalize(Shape = new[] { 10, 1568 })]
    public partial class LinearWeight10x1568 { }
}
