using NormGen;

namespace NormGen.Tests.Layers
{
    // BatchNorm2d with every extent fixed.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Batch = 3, Channels = 5, Height = 7, Width = 9)]
    public partial class BatchNorm2dAllFixedFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Batch = 3, Channels = 5, Height = 7, Width = 9)]
    public partial class BatchNorm2dAllFixedDouble { }

    // Without learnable parameters.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 5, Affine = false)]
    public partial class BatchNorm2dNonAffineFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 5, Affine = false)]
    public partial class BatchNorm2dNonAffineDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 2, Channels = 6, Affine = false)]
    public partial class GroupNormNonAffineFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 2, Channels = 6, Affine = false)]
    public partial class GroupNormNonAffineDouble { }

    [Normalize(Layout = "NLC", Axes = "C", Channels = 5, Affine = false)]
    public partial class LayerNormNonAffineFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Channels = 5, Affine = false)]
    public partial class LayerNormNonAffineDouble { }

    // BatchNorm2d(track_running_stats=False): batch statistics in eval mode too.
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 5, TrackRunningStats = false)]
    public partial class BatchNorm2dUntrackedFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 5, TrackRunningStats = false)]
    public partial class BatchNorm2dUntrackedDouble { }

    // Non-default momentum and epsilon.
    [Normalize(Layout = "NCL", Axes = "N,L", Channels = 5, Momentum = 0.3, Epsilon = 1e-3)]
    public partial class BatchNorm1dMomentumFloat { }

    [Normalize<double>(Layout = "NCL", Axes = "N,L", Channels = 5, Momentum = 0.3, Epsilon = 1e-3)]
    public partial class BatchNorm1dMomentumDouble { }

    // Cumulative moving average (PyTorch momentum=None), batch-norm and instance-norm style.
    [Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 5, CumulativeAverage = true)]
    public partial class BatchNorm2dCumulativeFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 5, CumulativeAverage = true)]
    public partial class BatchNorm2dCumulativeDouble { }

    [Normalize(Layout = "NCL", Axes = "L", Channels = 5, TrackRunningStats = true, CumulativeAverage = true)]
    public partial class InstanceNorm1dCumulativeFloat { }

    [Normalize<double>(Layout = "NCL", Axes = "L", Channels = 5, TrackRunningStats = true, CumulativeAverage = true)]
    public partial class InstanceNorm1dCumulativeDouble { }
}
