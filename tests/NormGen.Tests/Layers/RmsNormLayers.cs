using NormGen;

namespace NormGen.Tests.Layers
{
    // nn.RMSNorm(c) over the last dimension of (N, L, C), the channel count given to the constructor; eps = machine epsilon.
    [Normalize(Layout = "NLC", Axes = "C", Center = false)]
    public partial class RmsNormNlcFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Center = false)]
    public partial class RmsNormNlcDouble { }

    // nn.RMSNorm(5, eps=1e-6, elementwise_affine=False) on (N, C).
    [Normalize(Layout = "NC", Axes = "C", Channels = 5, Epsilon = 1e-6, Affine = false)]
    public partial class RmsNormNcNoAffineFloat { }

    // nn.RMSNorm([5, 7, 9]) on (N, C, H, W): an element-wise weight of 5 * 7 * 9 values, no bias.
    [Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 5, Height = 7, Width = 9, Center = false)]
    public partial class RmsNormNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "C,H,W", Channels = 5, Height = 7, Width = 9, Center = false)]
    public partial class RmsNormNchwDouble { }

    // nn.RMSNorm([7, 9, 6]) on channels-last (N, H, W, C).
    [Normalize(Layout = "NHWC", Axes = "H,W,C", Channels = 6, Height = 7, Width = 9, Center = false)]
    public partial class RmsNormNhwcFloat { }

    // Over C of (N, C, L): each statistic's values are strided across the innermost axis.
    [Normalize(Layout = "NCL", Axes = "C", Channels = 5, Center = false)]
    public partial class RmsNormOverChannelsNclFloat { }

    [Normalize<double>(Layout = "NCL", Axes = "C", Channels = 5, Center = false)]
    public partial class RmsNormOverChannelsNclDouble { }

    // Sequence-first (L, N, C).
    [Normalize(Layout = "LNC", Axes = "C", Channels = 5, Center = false)]
    public partial class RmsNormLncFloat { }

    // Per (n, c) over the spatial axes (instance style), channels-first and channels-last, per-channel weight.
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 5, Center = false)]
    public partial class RmsNormInstanceNchwFloat { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Channels = 5, Center = false)]
    public partial class RmsNormInstanceNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Channels = 5, Center = false)]
    public partial class RmsNormInstanceNhwcDouble { }

    // Per channel over the batch and the spatial axes (BatchNorm style, no running statistics), channels-first and
    // channels-last, and over the batch alone on (N, C).
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Center = false)]
    public partial class RmsNormBatchNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Center = false)]
    public partial class RmsNormBatchNchwDouble { }

    [Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 5, Center = false)]
    public partial class RmsNormBatchNhwcFloat { }

    [Normalize(Layout = "NC", Axes = "N", Channels = 5, Center = false)]
    public partial class RmsNormBatchNcFloat { }
}
