using NormGen;

// Generated code must also compile for a layer in the global namespace and for layers nested in partial classes.
[Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
public partial class GlobalNamespaceBatchNorm { }

namespace NormGen.Tests.Layers
{
    public partial class ModelBlock
    {
        [Normalize<double>(Layout = "NLC", Axes = "C", Channels = 6)]
        public partial class NestedLayerNorm { }

        internal partial class Inner
        {
            [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 3, Channels = 6)]
            internal partial class DeeplyNestedGroupNorm { }
        }
    }
}
