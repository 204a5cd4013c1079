using NormGen;

namespace NormGen.Tests.Layers
{
    // Layouts beyond the PyTorch defaults: channels outermost, batch innermost, no batch axis at all.
    [Normalize(Layout = "CNHW", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dCnhwFloat { }

    [Normalize<double>(Layout = "CNHW", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dCnhwDouble { }

    [Normalize(Layout = "HWNC", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dHwncFloat { }

    [Normalize<double>(Layout = "HWNC", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dHwncDouble { }

    [Normalize(Layout = "HWCN", Axes = "H,W", Groups = 3, Channels = 6)]
    public partial class GroupNormHwcnFloat { }

    [Normalize<double>(Layout = "HWCN", Axes = "H,W", Groups = 3, Channels = 6)]
    public partial class GroupNormHwcnDouble { }

    [Normalize(Layout = "CL", Axes = "L", Channels = 5)]
    public partial class UnbatchedInstanceNormFloat { }

    [Normalize<double>(Layout = "CL", Axes = "L", Channels = 5)]
    public partial class UnbatchedInstanceNormDouble { }

    [Normalize(Layout = "LC", Axes = "C", Channels = 6)]
    public partial class UnbatchedLayerNormFloat { }

    [Normalize<double>(Layout = "LC", Axes = "C", Channels = 6)]
    public partial class UnbatchedLayerNormDouble { }
}
