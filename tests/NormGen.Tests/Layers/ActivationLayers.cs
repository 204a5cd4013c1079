using NormGen;

namespace NormGen.Tests.Layers
{
    // Normalisation then an activation, fused, over every kernel kind: y = act(norm(x) * weight + bias).

    // nn.BatchNorm2d then nn.ReLU, channels-first: one channel at a time while it fits in cache (running statistics too).
    [Normalize(Axes = "N,H,W", Activation = NormActivation.Relu)]
    public partial class ActivationBatchNormReluFloat { }

    [Normalize<double>(Axes = "N,H,W", Activation = NormActivation.Relu)]
    public partial class ActivationBatchNormReluDouble { }

    // Channels-first BatchNorm with every extent fixed and over 8,192 values per channel: the whole-tensor (two-read) kernels.
    [Normalize(Axes = "N,H,W", Batch = 2, Channels = 3, Height = 64, Width = 65, Activation = NormActivation.Silu)]
    public partial class ActivationBatchNormTwoReadSiluFloat { }

    [Normalize<double>(Axes = "N,H,W", Batch = 2, Channels = 3, Height = 64, Width = 65, Activation = NormActivation.Gelu)]
    public partial class ActivationBatchNormTwoReadGeluDouble { }

    // Channels-last BatchNorm (chunks of rows) and GroupNorm (blocks of samples).
    [Normalize(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Gelu)]
    public partial class ActivationBatchNormNhwcGeluFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Silu)]
    public partial class ActivationBatchNormNhwcSiluDouble { }

    [Normalize(Layout = "NHWC", Axes = "H,W", Groups = 3, Activation = NormActivation.GeluTanh)]
    public partial class ActivationGroupNormNhwcGeluTanhFloat { }

    [Normalize<double>(Layout = "NHWC", Axes = "H,W", Groups = 3, Activation = NormActivation.Relu)]
    public partial class ActivationGroupNormNhwcReluDouble { }

    // Transformer style: nn.LayerNorm(c) on (N, L, C) then nn.GELU(), exact and tanh-approximated.
    [Normalize(Layout = "NLC", Axes = "C", Activation = NormActivation.Gelu)]
    public partial class ActivationLayerNormGeluFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Activation = NormActivation.GeluTanh)]
    public partial class ActivationLayerNormGeluTanhDouble { }

    // GroupNorm channels-first with SiLU (diffusion U-Nets), and InstanceNorm without an affine then ReLU.
    [Normalize(Axes = "H,W", Groups = 2, Activation = NormActivation.Silu)]
    public partial class ActivationGroupNormSiluFloat { }

    [Normalize<double>(Axes = "H,W", Affine = false, Activation = NormActivation.Relu)]
    public partial class ActivationInstanceNormReluDouble { }

    // InstanceNorm with running statistics (eval mode normalises with them) and LayerNorm over C of (N, C, L).
    [Normalize<double>(Axes = "H,W", TrackRunningStats = true, Activation = NormActivation.GeluTanh)]
    public partial class ActivationInstanceNormTrackedGeluTanhDouble { }

    [Normalize(Layout = "NCL", Axes = "C", Channels = 5, Activation = NormActivation.Silu)]
    public partial class ActivationLayerNormOverChannelsSiluFloat { }

    // RMSNorm then SiLU (a gated MLP's input) and BatchNorm1d on (N, C) then GELU.
    [Normalize(Layout = "NLC", Axes = "C", Center = false, Activation = NormActivation.Silu)]
    public partial class ActivationRmsNormSiluFloat { }

    [Normalize<double>(Layout = "NLC", Axes = "C", Center = false, Activation = NormActivation.Gelu)]
    public partial class ActivationRmsNormGeluDouble { }

    [Normalize<double>(Axes = "N", Activation = NormActivation.Gelu)]
    public partial class ActivationBatchNorm1dGeluDouble { }
}
