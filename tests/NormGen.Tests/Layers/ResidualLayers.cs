using NormGen;

namespace NormGen.Tests.Layers
{
    // The residual after the affine, before the activation: y = act(norm(x) + r), over every kernel kind.

    // ResNet's block end: nn.BatchNorm2d, += identity, nn.ReLU; one channel at a time while it fits in cache, running statistics.
    [Normalize(Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormReluFloat { }

    [Normalize<double>(Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormReluDouble { }

    // Channels-first BatchNorm over 8,192 values per channel: the whole-tensor (two-read) kernels.
    [Normalize(Axes = "N,H,W", Batch = 2, Channels = 3, Height = 64, Width = 65, Activation = NormActivation.Silu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormTwoReadSiluFloat { }

    // Channels-last BatchNorm and GroupNorm.
    [Normalize(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormNhwcReluFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Gelu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormNhwcGeluDouble { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 3, Activation = NormActivation.Silu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualGroupNormNhwcSiluDouble { }

    // GroupNorm channels-first, LayerNorm and RMSNorm over C of (N, L, C).
    [Normalize(Axes = "H,W", Groups = 2, Activation = NormActivation.GeluTanh, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualGroupNormGeluTanhFloat { }

    [Normalize(Layout = "NLC", Axes = "C", Activation = NormActivation.Gelu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualLayerNormGeluFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Center = false, Activation = NormActivation.Silu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualRmsNormSiluDouble { }

    // Without an activation: y = norm(x) + r, and the residual's gradient is dy.
    [Normalize(Axes = "N,H,W", Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeActivation)]
    public partial class ResidualLayerNormDouble { }

    // InstanceNorm with running statistics (its eval mode normalises with them, over another view than the batch's).
    [Normalize<double>(Axes = "H,W", TrackRunningStats = true, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualInstanceNormTrackedReluDouble { }

    // The residual before the norm: s = x + r written out, y = act(norm(s)) (a transformer's residual stream).

    [Normalize(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeNorm)]
    public partial class SkipLayerNormFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeNorm)]
    public partial class SkipLayerNormDouble { }

    [Normalize(Layout = "NLC", Axes = "C", Center = false, Residual = NormResidual.BeforeNorm)]
    public partial class SkipRmsNormFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Activation = NormActivation.Gelu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipLayerNormGeluDouble { }

    [Normalize(Axes = "N,H,W", Residual = NormResidual.BeforeNorm)]
    public partial class SkipBatchNormFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipBatchNormNhwcReluDouble { }

    [Normalize(Axes = "H,W", Groups = 2, Activation = NormActivation.Silu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipGroupNormSiluFloat { }

    // Float twins of Half residual layers (Layers/HalfResidualLayers.cs) that no other float layer here is.
    [Normalize(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeActivation)]
    public partial class ResidualLayerNormFloat { }

    [Normalize(Layout = "NLC", Axes = "C", Center = false, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualRmsNormReluFloat { }

    [Normalize(Axes = "H,W", Groups = 2, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualGroupNormFloat { }

    [Normalize(Layout = "NLC", Axes = "C", Activation = NormActivation.Gelu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipLayerNormGeluFloat { }

    [Normalize(Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipBatchNormReluFloat { }

    [Normalize(Axes = "H,W", Groups = 2, Activation = NormActivation.Gelu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipGroupNormGeluFloat { }
}

namespace NormGen.Tests.Layers
{
    // The same layers without the residual, for the unfused sequence (norm, then add, then the activation) to compare with.

    [Normalize(Axes = "N,H,W")]
    public partial class UnfusedBatchNormFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W")]
    public partial class UnfusedBatchNormNhwcDouble { }

    [Normalize(Layout = "NLC", Axes = "C")]
    public partial class UnfusedLayerNormFloat { }

    [Normalize(Axes = "H,W", Groups = 2)]
    public partial class UnfusedGroupNormFloat { }
}
