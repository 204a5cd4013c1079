using NormGen;

namespace NormGen.Tests.Layers
{
    // GroupNorm(G, 6) channels-first: one group (LayerNorm-like statistics, per-channel affine), 3 groups, 6 groups (InstanceNorm-like).
    [Normalize(Layout = "NCHW", Axes = "H,W", Groups = 1, Channels = 6)]
    public partial class GroupNorm1NchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 1, Channels = 6)]
    public partial class GroupNorm1NchwDouble { }

    [Normalize(Layout = "NCHW", Axes = "H,W", Groups = 3, Channels = 6)]
    public partial class GroupNorm3NchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 3, Channels = 6)]
    public partial class GroupNorm3NchwDouble { }

    [Normalize(Layout = "NCHW", Axes = "H,W", Groups = 6, Channels = 6)]
    public partial class GroupNorm6NchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 6, Channels = 6)]
    public partial class GroupNorm6NchwDouble { }

    // GroupNorm(G, 6) channels-last.
    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 1, Channels = 6)]
    public partial class GroupNorm1NhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 1, Channels = 6)]
    public partial class GroupNorm1NhwcDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 2, Channels = 6)]
    public partial class GroupNorm2NhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 2, Channels = 6)]
    public partial class GroupNorm2NhwcDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 6, Channels = 6)]
    public partial class GroupNorm6NhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 6, Channels = 6)]
    public partial class GroupNorm6NhwcDouble { }

    // Channels-last GroupNorm(4, 20) and GroupNorm(3, 36): groups of 5 and 12 channels, more channels than a vector.
    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 4, Channels = 20)]
    public partial class GroupNorm4NhwcWideFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 4, Channels = 20)]
    public partial class GroupNorm4NhwcWideDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 3, Channels = 36)]
    public partial class GroupNorm3NhwcWideFloat { }

    // Channels-last GroupNorm(24, 48): groups of 2 channels, many statistics a row.
    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 24, Channels = 48)]
    public partial class GroupNorm24NhwcFloat { }
}
