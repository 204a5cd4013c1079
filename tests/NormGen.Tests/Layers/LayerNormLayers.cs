using NormGen;

namespace NormGen.Tests.Layers
{
    // LayerNorm(5) over the last dimension of (N, L, C).
    [Normalize(Layout = "NLC", Axes = "C", Channels = 5)]
    public partial class LayerNormNlcFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Channels = 5)]
    public partial class LayerNormNlcDouble { }

    // LayerNorm(5) on (N, C).
    [Normalize(Layout = "NC", Axes = "C", Channels = 5)]
    public partial class LayerNormNcFloat { }

    [Normalize<double>(Layout = "NC", Axes = "C", Channels = 5)]
    public partial class LayerNormNcDouble { }

    // LayerNorm([5, 7, 9]) on (N, C, H, W): element-wise weight and bias of 5 * 7 * 9 values.
    [Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 5, Height = 7, Width = 9)]
    public partial class LayerNormNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "C,H,W", Channels = 5, Height = 7, Width = 9)]
    public partial class LayerNormNchwDouble { }

    // Every extent fixed.
    [Normalize(Layout = "NLC", Axes = "C", Batch = 3, Length = 11, Channels = 6)]
    public partial class LayerNormAllFixedFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Batch = 3, Length = 11, Channels = 6)]
    public partial class LayerNormAllFixedDouble { }

    // LayerNorm([7, 9, 6]) on channels-last (N, H, W, C): element-wise parameters in H, W, C order.
    [Normalize(Layout = "NHWC", Axes = "H,W,C", Channels = 6, Height = 7, Width = 9)]
    public partial class LayerNormNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W,C", Channels = 6, Height = 7, Width = 9)]
    public partial class LayerNormNhwcDouble { }

    // LayerNorm(5) on sequence-first (L, N, C).
    [Normalize(Layout = "LNC", Axes = "C", Channels = 5)]
    public partial class LayerNormLncFloat { }

    [Normalize<double>(Layout = "LNC", Axes = "C", Channels = 5)]
    public partial class LayerNormLncDouble { }
}
