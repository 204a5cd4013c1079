namespace NormGen.Conformance.Tests.Layers;

// Large offsets: one training step in float per configuration, checked against float64.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class OffsetBatchNorm2d { }

[Normalize(Layout = "NLC", Axes = "C", Channels = 13)]
public partial class OffsetLayerNorm { }

[Normalize(Layout = "NCHW", Axes = "H,W", Groups = 3, Channels = 6)]
public partial class OffsetGroupNorm { }

[Normalize(Layout = "NCHW", Axes = "H,W", Channels = 3, Affine = true, TrackRunningStats = true)]
public partial class OffsetInstanceNorm2d { }
