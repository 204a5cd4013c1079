using NormGen;

namespace NormGen.Samples.FashionMnist.Normalization
{
    // The layers the networks use, one class per kind: the channel count (and for LayerNorm the C × H × W its
    // element-wise affine covers) is given to the constructor, as to the PyTorch module; the batch, height and width
    // are given per call. Without Layout, the layout is channels-first: NCHW.

    /// <summary>BatchNorm2d: <c>new BatchNorm2d(c)</c> is <c>nn.BatchNorm2d(c)</c>; running statistics for eval.</summary>
    [Normalize(Axes = "N,H,W")]
    public partial class BatchNorm2d { }

    /// <summary>GroupNorm with four groups: <c>new GroupNorm4(c)</c> is <c>nn.GroupNorm(4, c)</c>.</summary>
    [Normalize(Axes = "H,W", Groups = 4)]
    public partial class GroupNorm4 { }

    /// <summary>InstanceNorm2d with γ and β: <c>new InstanceNorm2d(c)</c> is <c>nn.InstanceNorm2d(c, affine=True)</c>.</summary>
    [Normalize(Axes = "H,W")]
    public partial class InstanceNorm2d { }

    /// <summary>LayerNorm over each sample's C × H × W with element-wise γ and β:
    /// <c>new LayerNormChw(c, h, w)</c> is <c>nn.LayerNorm([c, h, w])</c>.</summary>
    [Normalize(Axes = "C,H,W")]
    public partial class LayerNormChw { }

    /// <summary>Z-score of the grey images over N, H, W, fitted batch by batch on the training set.</summary>
    [StandardScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 1)]
    public partial class PixelScaler { }
}
