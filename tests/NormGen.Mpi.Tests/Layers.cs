using NormGen;

namespace NormGen.Mpi.Tests
{
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 6)]
    public partial class NchwFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 6)]
    public partial class NhwcDouble { }

    [Normalize(Layout = "NCHW", Axes = "N,H,W", Groups = 2, Channels = 6)]
    public partial class BatchGroupFloat { }

    [Normalize(Layout = "NC", Axes = "N", Channels = 3)]
    public partial class FeaturesFloat { }

    [Normalize(Layout = "NCHW", Axes = "N,H,W")]
    public partial class ConstructedFloat { }
}
