namespace NormGen.Conformance.Tests.Layers;

// nn.RMSNorm(13) over the last dimension of (N, L, C); eps=None, the machine epsilon of the element type.
[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Center = false)]
public partial class RmsNormLastFloat { }

[Normalize<double>(Layout = "NLC", Axes = "C", Channels = 13, Center = false)]
public partial class RmsNormLastDouble { }

// nn.RMSNorm(c), the channel count given to the constructor.
[Normalize(Layout = "NLC", Axes = "C", Center = false)]
public partial class RmsNormConstructedFloat { }

// nn.RMSNorm([3, 5, 7]) over the last three dimensions of (N, C, H, W), element-wise weight.
[Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 3, Height = 5, Width = 7, Center = false)]
public partial class RmsNormLastThreeFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "C,H,W", Channels = 3, Height = 5, Width = 7, Center = false)]
public partial class RmsNormLastThreeDouble { }

// nn.RMSNorm([5, 7, 3]) on channels-last (N, H, W, C).
[Normalize(Layout = "NHWC", Axes = "H,W,C", Channels = 3, Height = 5, Width = 7, Center = false)]
public partial class RmsNormChannelsLastFloat { }

// nn.RMSNorm(11, eps=1e-6) on (N, C).
[Normalize(Layout = "NC", Axes = "C", Channels = 11, Epsilon = 1e-6, Center = false)]
public partial class RmsNorm2dInputEpsFloat { }

// nn.RMSNorm(13, elementwise_affine=False).
[Normalize<double>(Layout = "NLC", Axes = "C", Channels = 13, Affine = false, Center = false)]
public partial class RmsNormNoAffineDouble { }

// nn.RMSNorm(9) on (N, L, C) data stored (N, C, L): each statistic's values strided.
[Normalize(Layout = "NCL", Axes = "C", Channels = 9, Center = false)]
public partial class RmsNormStridedFloat { }

// nn.RMSNorm(13) on sequence-first (L, N, C).
[Normalize(Layout = "LNC", Axes = "C", Channels = 13, Center = false)]
public partial class RmsNormSequenceFirstFloat { }
