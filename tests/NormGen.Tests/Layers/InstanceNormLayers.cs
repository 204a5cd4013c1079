using NormGen;

namespace NormGen.Tests.Layers
{
    // InstanceNorm1d(5).
    [Normalize(Layout = "NCL", Axes = "L", Channels = 5)]
    public partial class InstanceNorm1dNclFloat { }

    [Normalize<double>(Layout = "NCL", Axes = "L", Channels = 5)]
    public partial class InstanceNorm1dNclDouble { }

    [Normalize(Layout = "NLC", Axes = "L", Channels = 5)]
    public partial class InstanceNorm1dNlcFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "L", Channels = 5)]
    public partial class InstanceNorm1dNlcDouble { }

    // InstanceNorm2d(5); every extent but C given per call.
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dNchwFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dNchwDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dNhwcDouble { }

    // InstanceNorm2d(37) channels-last: more channels than a vector holds, a tail at every width.
    [Normalize(Layout = "NHWC", Axes = "H,W", Channels = 37)]
    public partial class InstanceNorm2dNhwcWideFloat { }

    // InstanceNorm3d(5).
    [Normalize(Layout = "NCDHW", Axes = "D,H,W", Channels = 5)]
    public partial class InstanceNorm3dNcdhwFloat { }

    [Normalize<double>(Layout = "NCDHW", Axes = "D,H,W", Channels = 5)]
    public partial class InstanceNorm3dNcdhwDouble { }

    [Normalize(Layout = "NDHWC", Axes = "D,H,W", Channels = 5)]
    public partial class InstanceNorm3dNdhwcFloat { }

    [Normalize<double>(Layout = "NDHWC", Axes = "D,H,W", Channels = 5)]
    public partial class InstanceNorm3dNdhwcDouble { }

    // InstanceNorm2d(5, track_running_stats=True) and InstanceNorm1d(5, track_running_stats=True) channels-last.
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 5, TrackRunningStats = true)]
    public partial class InstanceNorm2dTrackedFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "H,W", Channels = 5, TrackRunningStats = true)]
    public partial class InstanceNorm2dTrackedDouble { }

    [Normalize(Layout = "NLC", Axes = "L", Channels = 5, TrackRunningStats = true, Momentum = 0.25)]
    public partial class InstanceNorm1dTrackedFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "L", Channels = 5, TrackRunningStats = true, Momentum = 0.25)]
    public partial class InstanceNorm1dTrackedDouble { }
}
