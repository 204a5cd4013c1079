namespace NormGen.Benchmarks;

// The large shapes' layers again with the channel count (and LayerNorm's element-wise extent) given to the
// constructor instead of the attribute: new BatchNorm2dNchw(64) as nn.BatchNorm2d(64).

[Normalize(Layout = "NCHW", Axes = "N,H,W")]
public partial class BatchNorm2dNchw { }

[Normalize(Layout = "NHWC", Axes = "N,H,W")]
public partial class BatchNorm2dNhwc { }

[Normalize(Layout = "NC", Axes = "N")]
public partial class BatchNorm1d { }

[Normalize(Layout = "NC", Axes = "C")]
public partial class LayerNormRows { }

[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 32)]
public partial class GroupNormNchw { }

[Normalize(Layout = "NHWC", Axes = "H,W", Groups = 32)]
public partial class GroupNormNhwc { }

[Normalize(Layout = "NCHW", Axes = "H,W")]
public partial class InstanceNorm2d { }
