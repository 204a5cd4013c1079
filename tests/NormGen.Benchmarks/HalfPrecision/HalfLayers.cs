using System;

namespace NormGen.Benchmarks.HalfPrecision;

// The Half twins of the large shapes' float layers (Layers.cs): the same declarations with 16-bit tensors.

[Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 64)]
public partial class BatchNorm2dNchw64Half { }

[Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 64)]
public partial class BatchNorm2dNhwc64Half { }

[Normalize<Half>(Layout = "NC", Axes = "C", Channels = 768)]
public partial class LayerNorm768Half { }

[Normalize<Half>(Layout = "NC", Axes = "C", Channels = 4096, Center = false)]
public partial class RmsNorm4096Half { }

[Normalize<Half>(Layout = "NCHW", Axes = "H,W", Groups = 32, Channels = 256)]
public partial class GroupNormNchw256Half { }

[Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 32, Channels = 256)]
public partial class GroupNormNhwc256Half { }

[Normalize<Half>(Layout = "NCHW", Axes = "H,W", Channels = 64)]
public partial class InstanceNorm2d64Half { }
