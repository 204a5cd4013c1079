using NormGen;

namespace NormGen.Distributed.Tests
{
    // BatchNorm2d(5), channels-first and channels-last, float and double.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
    public partial class SyncNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
    public partial class SyncNchwDouble { }

    [Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 5)]
    public partial class SyncNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 5)]
    public partial class SyncNhwcDouble { }

    // BatchNorm1d(6) on (N, C): one run of one value per channel and row.
    [Normalize(Layout = "NC", Axes = "N", Channels = 6)]
    public partial class SyncNcFloat { }

    // Batch-group norm: 3 groups of 2 channels, statistics per group over N, H, W.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Groups = 3, Channels = 6)]
    public partial class SyncBatchGroupFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Groups = 3, Channels = 6)]
    public partial class SyncBatchGroupNhwcDouble { }

    // Channel count at construction, cumulative average, no affine parameters.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", CumulativeAverage = true)]
    public partial class SyncConstructedFloat { }

    [Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 5, Affine = false, Momentum = 0.3)]
    public partial class SyncPlainNhwcFloat { }

    // The same as SyncNchwFloat but another epsilon: a configuration another rank must not mix with it.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 5, Epsilon = 1e-3)]
    public partial class SyncNchwFloatOtherEpsilon { }
}
