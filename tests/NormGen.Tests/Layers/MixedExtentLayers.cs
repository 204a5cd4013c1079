using NormGen;

namespace NormGen.Tests.Layers
{
    // Some extents fixed, others per call, fixed and per-call axes interleaved.
    [Normalize(Layout = "NHWC", Axes = "N,H,W", Batch = 3, Height = 7, Channels = 5)]
    public partial class BatchNorm2dMixedFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Batch = 3, Height = 7, Channels = 5)]
    public partial class BatchNorm2dMixedDouble { }

    [Normalize(Layout = "NCDHW", Axes = "D,H,W", Depth = 3, Width = 9, Channels = 5)]
    public partial class InstanceNorm3dMixedFloat { }

    [Normalize<double>(Layout = "NCDHW", Axes = "D,H,W", Depth = 3, Width = 9, Channels = 5)]
    public partial class InstanceNorm3dMixedDouble { }

    [Normalize(Layout = "NCHW", Axes = "H,W", Groups = 2, Width = 9, Channels = 6)]
    public partial class GroupNormMixedFloat { }

    [Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 2, Width = 9, Channels = 6)]
    public partial class GroupNormMixedDouble { }
}
