using NormGen;

namespace NormGen.Samples.FashionMnist.Normalization
{
    // The layers the networks use, one class per configuration and channel count: the channel count (and for
    // LayerNorm the whole C × H × W its element-wise affine covers) is fixed in the attribute, so it is a constant in
    // the generated code. The batch (and H, W where not fixed) is given per call.

    /// <summary>BatchNorm2d(8): per channel over N, H, W; running statistics for eval.</summary>
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8)]
    public partial class BatchNorm8 { }

    /// <summary>BatchNorm2d(16).</summary>
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 16)]
    public partial class BatchNorm16 { }

    /// <summary>BatchNorm2d(32).</summary>
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 32)]
    public partial class BatchNorm32 { }

    /// <summary>GroupNorm(4, 8): per sample and group of two channels.</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 4)]
    public partial class GroupNorm8 { }

    /// <summary>GroupNorm(4, 16).</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 16, Groups = 4)]
    public partial class GroupNorm16 { }

    /// <summary>GroupNorm(4, 32).</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 32, Groups = 4)]
    public partial class GroupNorm32 { }

    /// <summary>InstanceNorm2d(8, affine=True): per sample and channel over H, W.</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 8)]
    public partial class InstanceNorm8 { }

    /// <summary>InstanceNorm2d(16, affine=True).</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 16)]
    public partial class InstanceNorm16 { }

    /// <summary>InstanceNorm2d(32, affine=True).</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 32)]
    public partial class InstanceNorm32 { }

    /// <summary>LayerNorm([8, 28, 28]): per sample over C, H, W, element-wise γ and β.</summary>
    [Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 8, Height = 28, Width = 28)]
    public partial class LayerNorm8x28 { }

    /// <summary>LayerNorm([16, 14, 14]).</summary>
    [Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 16, Height = 14, Width = 14)]
    public partial class LayerNorm16x14 { }

    /// <summary>LayerNorm([16, 28, 28]).</summary>
    [Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 16, Height = 28, Width = 28)]
    public partial class LayerNorm16x28 { }

    /// <summary>LayerNorm([32, 14, 14]).</summary>
    [Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 32, Height = 14, Width = 14)]
    public partial class LayerNorm32x14 { }

    /// <summary>Z-score of the grey images over N, H, W, fitted batch by batch on the training set.</summary>
    [StandardScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 1)]
    public partial class PixelScaler { }
}
