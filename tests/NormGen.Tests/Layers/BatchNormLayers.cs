using NormGen;

namespace NormGen.Tests.Layers
{
    // BatchNorm1d(5) on (N, C).
    [Normalize(Layout = "NC", Axes = "N", Channels = 5)]
    public partial class BatchNorm1dNcFloat { }

    [Normalize<double>(Layout = "NC", Axes = "N", Channels = 5)]
    public partial class BatchNorm1dNcDouble { }

    // BatchNorm1d(5) on (N, C, L), and the same statistics in channels-last and sequence-first layouts.
    [Normalize(Layout = "NCL", Axes = "N,L", Channels = 5)]
    public partial class BatchNorm1dNclFloat { }

    [Normalize<double>(Layout = "NCL", Axes = "N,L", Channels = 5)]
    public partial class BatchNorm1dNclDouble { }

    [Normalize(Layout = "NLC", Axes = "N,L", Channels = 5)]
    public partial class BatchNorm1dNlcFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "N,L", Channels = 5)]
    public partial class BatchNorm1dNlcDouble { }

    [Normalize(Layout = "LNC", Axes = "L,N", Channels = 5)]
    public partial class BatchNorm1dLncFloat { }

    [Normalize<double>(Layout = "LNC", Axes = "L,N", Channels = 5)]
    public partial class BatchNorm1dLncDouble { }

    // BatchNorm2d(5).
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dNchwDouble { }

    [Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dNhwcDouble { }

    // BatchNorm3d(5).
    [Normalize(Layout = "NCDHW", Axes = "N,D,H,W", Channels = 5)]
    public partial class BatchNorm3dNcdhwFloat { }

    [Normalize<double>(Layout = "NCDHW", Axes = "N,D,H,W", Channels = 5)]
    public partial class BatchNorm3dNcdhwDouble { }

    [Normalize(Layout = "NDHWC", Axes = "N,D,H,W", Channels = 5)]
    public partial class BatchNorm3dNdhwcFloat { }

    [Normalize<double>(Layout = "NDHWC", Axes = "N,D,H,W", Channels = 5)]
    public partial class BatchNorm3dNdhwcDouble { }

    // "Batch-group" normalisation: statistics per group of 2 channels over N, H, W; running statistics per group.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Groups = 3, Channels = 6)]
    public partial class BatchGroupNormNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Groups = 3, Channels = 6)]
    public partial class BatchGroupNormNchwDouble { }

    [Normalize(Layout = "NHWC", Axes = "N,H,W", Groups = 2, Channels = 6)]
    public partial class BatchGroupNormNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Groups = 2, Channels = 6)]
    public partial class BatchGroupNormNhwcDouble { }

    // Channels-last with more channels than one vector holds (and a tail at every width): BatchNorm2d(20), BatchNorm1d(37).
    [Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 20)]
    public partial class BatchNorm2dNhwcWideFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 20)]
    public partial class BatchNorm2dNhwcWideDouble { }

    [Normalize(Layout = "NC", Axes = "N", Channels = 37)]
    public partial class BatchNorm1dNcWideFloat { }

    [Normalize<double>(Layout = "NC", Axes = "N", Channels = 37)]
    public partial class BatchNorm1dNcWideDouble { }

    // BatchNorm2d(64): enough channels for a large call whose channels each stay within the one-at-a-time limit.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 64)]
    public partial class BatchNorm2dNchw64Float { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 64)]
    public partial class BatchNorm2dNchw64Double { }
}
