using NormGen;

namespace NormGen.Tests.Layers
{
    // The three layers of issue 21's table: one instance each, shared by several threads in eval mode.
    [Normalize(Layout = "NC", Axes = "C", Channels = 64)]
    public partial class SharedLayerNormFloat { }

    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 2)]
    public partial class SharedGroupNormFloat { }

    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8)]
    public partial class SharedBatchNormFloat { }
}
