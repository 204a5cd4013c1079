using System;
using NormGen;

namespace NormGen.Tests.Layers
{
    // Half twins of residual layers (Layers/ResidualLayers.cs): r, s and their gradients are Half tensors like x and y.
    // HalfResidualTests drives each pair with the same Half-rounded x, r, dy and float parameters.

    // Before the activation, y = act(norm(x) + r): BatchNorm2d with running statistics (one channel at a time), channels
    // last, and the whole-tensor kernels; LayerNorm, RMSNorm and GroupNorm; with ReLU and without an activation.
    [Normalize<Half>(Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormReluHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormNhwcReluHalf { }

    [Normalize<Half>(Axes = "N,H,W", Residual = NormResidual.BeforeActivation)]
    public partial class ResidualBatchNormHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeActivation)]
    public partial class ResidualLayerNormHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Center = false, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualRmsNormReluHalf { }

    [Normalize<Half>(Axes = "H,W", Groups = 2, Residual = NormResidual.BeforeActivation)]
    public partial class ResidualGroupNormHalf { }

    // Before the norm, s = x + r rounded to Half and y = act(norm(s)): a transformer's residual stream in half precision.
    [Normalize<Half>(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeNorm)]
    public partial class SkipLayerNormHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Center = false, Residual = NormResidual.BeforeNorm)]
    public partial class SkipRmsNormHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Activation = NormActivation.Gelu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipLayerNormGeluHalf { }

    [Normalize<Half>(Axes = "N,H,W", Residual = NormResidual.BeforeNorm)]
    public partial class SkipBatchNormHalf { }

    [Normalize<Half>(Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipBatchNormReluHalf { }

    [Normalize<Half>(Axes = "H,W", Groups = 2, Activation = NormActivation.Gelu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipGroupNormGeluHalf { }

    [Normalize<Half>(Axes = "H,W", Groups = 2, Activation = NormActivation.Silu, Residual = NormResidual.BeforeNorm)]
    public partial class SkipGroupNormSiluHalf { }
}
