using NormGen;

namespace NormGen.Conformance.Tests.Layers;

// The short declarations, sized by their constructors as PyTorch's modules are: nn.BatchNorm2d(c), nn.GroupNorm(g, c),
// nn.LayerNorm([c, h, w]), nn.InstanceNorm2d(c).

[Normalize(Axes = "N,H,W")]
public partial class ConstructedBatchNorm2dFloat { }

[Normalize<double>(Axes = "N,H,W")]
public partial class ConstructedBatchNorm2dDouble { }

[Normalize(Layout = "NHWC", Axes = "N,H,W")]
public partial class ConstructedBatchNorm2dNhwcFloat { }

[Normalize(Axes = "H,W", Groups = 3)]
public partial class ConstructedGroupNormFloat { }

[Normalize<double>(Axes = "H,W", Groups = 3)]
public partial class ConstructedGroupNormDouble { }

[Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 3)]
public partial class ConstructedGroupNormNhwcDouble { }

[Normalize(Axes = "C,H,W")]
public partial class ConstructedLayerNormFloat { }

[Normalize<double>(Axes = "C,H,W")]
public partial class ConstructedLayerNormDouble { }

[Normalize(Axes = "H,W", Affine = false)]
public partial class ConstructedInstanceNormFloat { }

[Normalize<double>(Axes = "H,W", TrackRunningStats = true)]
public partial class ConstructedInstanceNormDouble { }
