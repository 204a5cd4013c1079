namespace NormGen.Conformance.Tests.Layers;

// InstanceNorm1d on (N, C, L).
[Normalize(Layout = "NCL", Axes = "L", Channels = 5, Affine = false, TrackRunningStats = false)]
public partial class InstanceNorm1dFloat { }

[Normalize<double>(Layout = "NCL", Axes = "L", Channels = 5, Affine = false, TrackRunningStats = false)]
public partial class InstanceNorm1dDouble { }

[Normalize(Layout = "NCL", Axes = "L", Channels = 5, Affine = true, TrackRunningStats = true)]
public partial class InstanceNorm1dAffineTrackedFloat { }

// InstanceNorm2d: every combination of affine and track_running_stats.
[Normalize(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = false, TrackRunningStats = false)]
public partial class InstanceNorm2dFloat { }

[Normalize(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = true, TrackRunningStats = false)]
public partial class InstanceNorm2dAffineFloat { }

[Normalize(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = false, TrackRunningStats = true)]
public partial class InstanceNorm2dTrackedFloat { }

[Normalize(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = true, TrackRunningStats = true)]
public partial class InstanceNorm2dAffineTrackedFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = true, TrackRunningStats = true)]
public partial class InstanceNorm2dAffineTrackedDouble { }

[Normalize(Layout = "NHWC", Axes = "H,W", Channels = 3, Affine = true, TrackRunningStats = true)]
public partial class InstanceNorm2dNhwcAffineTrackedFloat { }

// InstanceNorm3d on (N, C, D, H, W).
[Normalize(Layout = "NCDHW", Axes = "D,H,W", Channels = 3, Affine = true, TrackRunningStats = false)]
public partial class InstanceNorm3dAffineFloat { }

[Normalize<double>(Layout = "NCDHW", Axes = "D,H,W", Channels = 3, Affine = true, TrackRunningStats = true, Epsilon = 1e-3, Momentum = 0.3)]
public partial class InstanceNorm3dAffineTrackedDouble { }

// Running statistics with a cumulative average (NormGen's documented behaviour; PyTorch has no equivalent).
[Normalize<double>(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = true, TrackRunningStats = true, CumulativeAverage = true)]
public partial class InstanceNorm2dCumulativeDouble { }
