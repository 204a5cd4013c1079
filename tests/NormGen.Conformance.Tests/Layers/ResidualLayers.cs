namespace NormGen.Conformance.Tests.Layers;

// A residual added in the layer's call. After the affine, before the activation: a ResNet block's end,
// out = bn(conv(...)); out += identity; relu(out). Before the norm: s = x + r; y = norm(s) (a transformer's stream).

[Normalize(Axes = "N,H,W", Channels = 4, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
public partial class BatchNormResidualReluFloat { }

[Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 4, Activation = NormActivation.Silu, Residual = NormResidual.BeforeActivation)]
public partial class BatchNormNhwcResidualSiluDouble { }

[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Activation = NormActivation.Gelu, Residual = NormResidual.BeforeActivation)]
public partial class LayerNormResidualGeluFloat { }

[Normalize<double>(Axes = "H,W", Channels = 6, Groups = 2, Residual = NormResidual.BeforeActivation)]
public partial class GroupNormResidualDouble { }

[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Center = false, Activation = NormActivation.Silu, Residual = NormResidual.BeforeActivation)]
public partial class RmsNormResidualSiluFloat { }

[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Residual = NormResidual.BeforeNorm)]
public partial class LayerNormSkipFloat { }

[Normalize<double>(Layout = "NLC", Axes = "C", Channels = 13, Residual = NormResidual.BeforeNorm)]
public partial class LayerNormSkipDouble { }

[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Center = false, Residual = NormResidual.BeforeNorm)]
public partial class RmsNormSkipFloat { }

[Normalize(Axes = "N,H,W", Channels = 4, Residual = NormResidual.BeforeNorm)]
public partial class BatchNormSkipFloat { }

[Normalize<double>(Layout = "NHWC", Axes = "H,W", Channels = 6, Groups = 3, Activation = NormActivation.GeluTanh, Residual = NormResidual.BeforeNorm)]
public partial class GroupNormNhwcSkipGeluTanhDouble { }
