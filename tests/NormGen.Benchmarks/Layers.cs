namespace NormGen.Benchmarks;

// The layers under measurement: each declares what its PyTorch counterpart computes, float32, with every extent
// other than Channels given per call (the common way to declare a layer).

// BatchNorm2d(64), NCHW and channels-last.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 64)]
public partial class BatchNorm2dNchw64 { }

[Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 64)]
public partial class BatchNorm2dNhwc64 { }

// BatchNorm2d(1024) for the (N, C, 1, 1) rows: the input after a global pooling.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 1024)]
public partial class BatchNorm2dNchw1024 { }

// BatchNorm2d(256) for the rows on 2×2 feature maps.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 256)]
public partial class BatchNorm2dNchw256 { }

// BatchNorm2d(16) for the small-shape rows.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 16)]
public partial class BatchNorm2dNchw16 { }

// LayerNorm(768) and LayerNorm(64) over the last axis of (rows, features).
[Normalize(Layout = "NC", Axes = "C", Channels = 768)]
public partial class LayerNorm768 { }

[Normalize(Layout = "NC", Axes = "C", Channels = 64)]
public partial class LayerNorm64 { }

// RMSNorm(4096) over the last axis of (rows, features), eps the machine epsilon (PyTorch's nn.RMSNorm default).
[Normalize(Layout = "NC", Axes = "C", Channels = 4096, Center = false)]
public partial class RmsNorm4096 { }

// GroupNorm(32, 256), NCHW and channels-last.
[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 32, Channels = 256)]
public partial class GroupNormNchw256 { }

[Normalize(Layout = "NHWC", Axes = "H,W", Groups = 32, Channels = 256)]
public partial class GroupNormNhwc256 { }

// InstanceNorm2d(64, affine=True).
[Normalize(Layout = "NCHW", Axes = "H,W", Channels = 64)]
public partial class InstanceNorm2d64 { }

// BatchNorm1d(1024) on (N, C).
[Normalize(Layout = "NC", Axes = "N", Channels = 1024)]
public partial class BatchNorm1d1024 { }

// The same LayerNorm(768) and BatchNorm2d(64) with a fused activation, for the fused-against-unfused rows.
[Normalize(Layout = "NC", Axes = "C", Channels = 768, Activation = NormActivation.Gelu)]
public partial class LayerNorm768Gelu { }

[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 64, Activation = NormActivation.Relu)]
public partial class BatchNorm2dNchw64Relu { }

// The same BatchNorm2d(64) and LayerNorm(768) with a fused residual, for the fused-against-unfused rows: a ResNet block's
// end (bn, += identity, ReLU) and a transformer's residual stream (s = x + r, LayerNorm(s)).
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 64, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
public partial class BatchNorm2dNchw64ResidualRelu { }

[Normalize(Layout = "NC", Axes = "C", Channels = 768, Residual = NormResidual.BeforeNorm)]
public partial class LayerNorm768Skip { }
