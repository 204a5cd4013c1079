namespace NormGen.Conformance.Tests.Layers;

// Normalisation followed by an activation module, fused: nn.Sequential(norm, activation).

// BatchNorm2d(4) then ReLU, channels-first and channels-last.
[Normalize(Axes = "N,H,W", Channels = 4, Activation = NormActivation.Relu)]
public partial class BatchNormReluFloat { }

[Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 4, Activation = NormActivation.Silu)]
public partial class BatchNormNhwcSiluDouble { }

// LayerNorm(13) then GELU (exact and tanh-approximated).
[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Activation = NormActivation.Gelu)]
public partial class LayerNormGeluFloat { }

[Normalize<double>(Layout = "NLC", Axes = "C", Channels = 13, Activation = NormActivation.Gelu)]
public partial class LayerNormGeluDouble { }

[Normalize(Layout = "NLC", Axes = "C", Channels = 13, Activation = NormActivation.GeluTanh)]
public partial class LayerNormGeluTanhFloat { }

// GroupNorm(2, 6) then SiLU, channels-last.
[Normalize(Layout = "NHWC", Axes = "H,W", Channels = 6, Groups = 2, Activation = NormActivation.Silu)]
public partial class GroupNormNhwcSiluFloat { }

[Normalize<double>(Axes = "H,W", Channels = 6, Groups = 3, Activation = NormActivation.GeluTanh)]
public partial class GroupNormGeluTanhDouble { }
