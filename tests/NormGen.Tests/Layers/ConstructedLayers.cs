using NormGen;

namespace NormGen.Tests.Layers
{
    // The short declarations: no Layout (channels-first by default), no Channels (the tests construct them with
    // DeclaredLayer.ConstructedChannels), and element-wise affine extents not fixed (the constructor takes them too).

    // The declaration on NormGen's card: batch-group norm, NCHW.
    [Normalize(Axes = "N,H,W", Groups = 3)]
    public partial class CardDeclarationFloat { }

    [Normalize(Axes = "N,H,W")]
    public partial class ConstructedBatchNorm2dFloat { }

    [Normalize<double>(Axes = "N,H,W")]
    public partial class ConstructedBatchNorm2dDouble { }

    [Normalize(Axes = "N")]
    public partial class ConstructedBatchNorm1dFloat { }

    [Normalize(Layout = "NHWC", Axes = "N,H,W")]
    public partial class ConstructedBatchNormNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W")]
    public partial class ConstructedBatchNormNhwcDouble { }

    [Normalize(Axes = "H,W", Groups = 3)]
    public partial class ConstructedGroupNormFloat { }

    [Normalize<double>(Axes = "H,W", Groups = 2)]
    public partial class ConstructedGroupNormDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 2)]
    public partial class ConstructedGroupNormNhwcFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 3)]
    public partial class ConstructedGroupNormNhwcDouble { }

    [Normalize(Axes = "C,H,W")]
    public partial class ConstructedPlaneNormFloat { }

    [Normalize<double>(Axes = "C,H,W", Height = 4)]
    public partial class ConstructedPlaneNormDouble { }

    [Normalize(Layout = "NLC", Axes = "C")]
    public partial class ConstructedTokenNormFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C")]
    public partial class ConstructedTokenNormDouble { }

    [Normalize(Axes = "H,W")]
    public partial class ConstructedInstanceNormFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", TrackRunningStats = true)]
    public partial class ConstructedInstanceNormNhwcDouble { }
}
