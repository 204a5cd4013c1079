namespace NormGen.Conformance.Tests.Layers;

// GroupNorm(G, 6) on (N, 6, H, W): G = 1 (LayerNorm-like), 2, 3, and 6 = C (InstanceNorm-like).
[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 1, Channels = 6)]
public partial class GroupNorm1Float { }

[Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 1, Channels = 6)]
public partial class GroupNorm1Double { }

[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 2, Channels = 6)]
public partial class GroupNorm2Float { }

[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 3, Channels = 6)]
public partial class GroupNorm3Float { }

[Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 3, Channels = 6)]
public partial class GroupNorm3Double { }

[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 6, Channels = 6)]
public partial class GroupNorm6Float { }

[Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 6, Channels = 6)]
public partial class GroupNorm6Double { }

// Channels-last, a sequence input, no affine, and a non-default eps.
[Normalize(Layout = "NHWC", Axes = "H,W", Groups = 3, Channels = 6)]
public partial class GroupNormNhwcFloat { }

[Normalize(Layout = "NCL", Axes = "L", Groups = 2, Channels = 6)]
public partial class GroupNormNclFloat { }

[Normalize<double>(Layout = "NCHW", Axes = "H,W", Groups = 2, Channels = 6, Affine = false)]
public partial class GroupNormNoAffineDouble { }

[Normalize(Layout = "NCDHW", Axes = "D,H,W", Groups = 3, Channels = 6, Epsilon = 1e-3)]
public partial class GroupNorm3dEpsFloat { }

// Channels = 7 (prime): the smallest group (one channel, G = 7) and the largest (all channels, G = 1).
[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 7, Channels = 7)]
public partial class GroupNormSmallestGroupFloat { }

[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 1, Channels = 7)]
public partial class GroupNormLargestGroupFloat { }
