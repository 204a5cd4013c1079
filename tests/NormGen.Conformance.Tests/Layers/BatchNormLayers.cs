namespace NormGen.Conformance.Tests.Layers;

// BatchNorm1d on (N, C).
[Normalize(Layout = "NC", Axes = "N", Channels = 7)]
public partial class BatchNorm1dFloat { }

[Normalize<double>(Layout = "NC", Axes = "N", Channels = 7)]
public partial class BatchNorm1dDouble { }

// BatchNorm1d on (N, C, L), and on data stored (N, L, C).
[Normalize(Layout = "NCL", Axes = "N,L", Channels = 5)]
public partial class BatchNorm1dNclFloat { }

[Normalize<double>(Layout = "NCL", Axes = "N,L", Channels = 5)]
public partial class BatchNorm1dNclDouble { }

[Normalize(Layout = "NLC", Axes = "N,L", Channels = 5)]
public partial class BatchNorm1dNlcFloat { }

// BatchNorm2d, NCHW and channels-last.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class BatchNorm2dFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class BatchNorm2dDouble { }

[Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 3)]
public partial class BatchNorm2dNhwcFloat { }

// BatchNorm2d(11) for (N, C, 1, 1) inputs and small feature maps: rows of a vector and a tail.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 11)]
public partial class BatchNorm2dPooledFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 11)]
public partial class BatchNorm2dPooledDouble { }

[Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 3)]
public partial class BatchNorm2dNhwcDouble { }

// BatchNorm3d, NCDHW and channels-last.
[Normalize(Layout = "NCDHW", Axes = "N,D,H,W", Channels = 3)]
public partial class BatchNorm3dFloat { }

[Normalize<double>(Layout = "NCDHW", Axes = "N,D,H,W", Channels = 3)]
public partial class BatchNorm3dDouble { }

[Normalize(Layout = "NDHWC", Axes = "N,D,H,W", Channels = 3)]
public partial class BatchNorm3dNdhwcFloat { }

// momentum=None: cumulative moving average.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3, CumulativeAverage = true)]
public partial class BatchNorm2dCumulativeFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3, CumulativeAverage = true)]
public partial class BatchNorm2dCumulativeDouble { }

[Normalize<double>(Layout = "NC", Axes = "N", Channels = 7, CumulativeAverage = true, Epsilon = 1e-3)]
public partial class BatchNorm1dCumulativeEpsDouble { }

// Non-default eps and momentum.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Epsilon = 1e-3, Momentum = 0.3)]
public partial class BatchNorm2dEpsMomentumFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Epsilon = 1e-3, Momentum = 0.3)]
public partial class BatchNorm2dEpsMomentumDouble { }

// affine=False, and track_running_stats=False (eval mode then uses batch statistics).
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Affine = false)]
public partial class BatchNorm2dNoAffineFloat { }

[Normalize(Layout = "NCL", Axes = "N,L", Channels = 5, TrackRunningStats = false)]
public partial class BatchNorm1dNoRunningStatsFloat { }
