namespace NormGen.Conformance.Tests.Layers;

// LayerNorm(13) over the last dimension of (N, L, C).
[Normalize(Layout = "NLC", Axes = "C", Channels = 13)]
public partial class LayerNormLastFloat { }

[Normalize<double>(Layout = "NLC", Axes = "C", Channels = 13)]
public partial class LayerNormLastDouble { }

// LayerNorm([3, 5, 7]) over the last three dimensions of (N, C, H, W), element-wise affine.
[Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 3, Height = 5, Width = 7)]
public partial class LayerNormLastThreeFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "C,H,W", Channels = 3, Height = 5, Width = 7)]
public partial class LayerNormLastThreeDouble { }

// LayerNorm(11, eps=1e-3) on (N, C).
[Normalize(Layout = "NC", Axes = "C", Channels = 11, Epsilon = 1e-3)]
public partial class LayerNorm2dInputEpsFloat { }

// LayerNorm(13, elementwise_affine=False).
[Normalize<double>(Layout = "NLC", Axes = "C", Channels = 13, Affine = false)]
public partial class LayerNormNoAffineDouble { }
