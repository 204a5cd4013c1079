using System;
using NormGen;

namespace NormGen.Tests.Layers
{
    // The Half twin of every float layer declared in this folder, declared alike: XHalf is XFloat with 16-bit tensors.
    // HalfLayerTests drives each pair with the same (Half-rounded) inputs and parameters.
    [Normalize<Half>(Axes = "N,H,W", Activation = NormActivation.Relu)]
    public partial class ActivationBatchNormReluHalf { }

    [Normalize<Half>(Axes = "N,H,W", Batch = 2, Channels = 3, Height = 64, Width = 65, Activation = NormActivation.Silu)]
    public partial class ActivationBatchNormTwoReadSiluHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Gelu)]
    public partial class ActivationBatchNormNhwcGeluHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 3, Activation = NormActivation.GeluTanh)]
    public partial class ActivationGroupNormNhwcGeluTanhHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Activation = NormActivation.Gelu)]
    public partial class ActivationLayerNormGeluHalf { }

    [Normalize<Half>(Axes = "H,W", Groups = 2, Activation = NormActivation.Silu)]
    public partial class ActivationGroupNormSiluHalf { }

    [Normalize<Half>(Layout = "NCL", Axes = "C", Channels = 5, Activation = NormActivation.Silu)]
    public partial class ActivationLayerNormOverChannelsSiluHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Center = false, Activation = NormActivation.Silu)]
    public partial class ActivationRmsNormSiluHalf { }

    [Normalize<Half>(Layout = "NC", Axes = "N", Channels = 5)]
    public partial class BatchNorm1dNcHalf { }

    [Normalize<Half>(Layout = "NCL", Axes = "N,L", Channels = 5)]
    public partial class BatchNorm1dNclHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "N,L", Channels = 5)]
    public partial class BatchNorm1dNlcHalf { }

    [Normalize<Half>(Layout = "LNC", Axes = "L,N", Channels = 5)]
    public partial class BatchNorm1dLncHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dNchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dNhwcHalf { }

    [Normalize<Half>(Layout = "NCDHW", Axes = "N,D,H,W", Channels = 5)]
    public partial class BatchNorm3dNcdhwHalf { }

    [Normalize<Half>(Layout = "NDHWC", Axes = "N,D,H,W", Channels = 5)]
    public partial class BatchNorm3dNdhwcHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Groups = 3, Channels = 6)]
    public partial class BatchGroupNormNchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Groups = 2, Channels = 6)]
    public partial class BatchGroupNormNhwcHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 20)]
    public partial class BatchNorm2dNhwcWideHalf { }

    [Normalize<Half>(Layout = "NC", Axes = "N", Channels = 37)]
    public partial class BatchNorm1dNcWideHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 64)]
    public partial class BatchNorm2dNchw64Half { }

    [Normalize<Half>(Axes = "N,H,W", Groups = 3)]
    public partial class CardDeclarationHalf { }

    [Normalize<Half>(Axes = "N,H,W")]
    public partial class ConstructedBatchNorm2dHalf { }

    [Normalize<Half>(Axes = "N")]
    public partial class ConstructedBatchNorm1dHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W")]
    public partial class ConstructedBatchNormNhwcHalf { }

    [Normalize<Half>(Axes = "H,W", Groups = 3)]
    public partial class ConstructedGroupNormHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 2)]
    public partial class ConstructedGroupNormNhwcHalf { }

    [Normalize<Half>(Axes = "C,H,W")]
    public partial class ConstructedPlaneNormHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C")]
    public partial class ConstructedTokenNormHalf { }

    [Normalize<Half>(Axes = "H,W")]
    public partial class ConstructedInstanceNormHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Groups = 1, Channels = 6)]
    public partial class GroupNorm1NchwHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Groups = 3, Channels = 6)]
    public partial class GroupNorm3NchwHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Groups = 6, Channels = 6)]
    public partial class GroupNorm6NchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 1, Channels = 6)]
    public partial class GroupNorm1NhwcHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 2, Channels = 6)]
    public partial class GroupNorm2NhwcHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 6, Channels = 6)]
    public partial class GroupNorm6NhwcHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 4, Channels = 20)]
    public partial class GroupNorm4NhwcWideHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 3, Channels = 36)]
    public partial class GroupNorm3NhwcWideHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 24, Channels = 48)]
    public partial class GroupNorm24NhwcHalf { }

    [Normalize<Half>(Layout = "NCL", Axes = "L", Channels = 5)]
    public partial class InstanceNorm1dNclHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "L", Channels = 5)]
    public partial class InstanceNorm1dNlcHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dNchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dNhwcHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Channels = 37)]
    public partial class InstanceNorm2dNhwcWideHalf { }

    [Normalize<Half>(Layout = "NCDHW", Axes = "D,H,W", Channels = 5)]
    public partial class InstanceNorm3dNcdhwHalf { }

    [Normalize<Half>(Layout = "NDHWC", Axes = "D,H,W", Channels = 5)]
    public partial class InstanceNorm3dNdhwcHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Channels = 5, TrackRunningStats = true)]
    public partial class InstanceNorm2dTrackedHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "L", Channels = 5, TrackRunningStats = true, Momentum = 0.25)]
    public partial class InstanceNorm1dTrackedHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Channels = 5)]
    public partial class LayerNormNlcHalf { }

    [Normalize<Half>(Layout = "NC", Axes = "C", Channels = 5)]
    public partial class LayerNormNcHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "C,H,W", Channels = 5, Height = 7, Width = 9)]
    public partial class LayerNormNchwHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Batch = 3, Length = 11, Channels = 6)]
    public partial class LayerNormAllFixedHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W,C", Channels = 6, Height = 7, Width = 9)]
    public partial class LayerNormNhwcHalf { }

    [Normalize<Half>(Layout = "LNC", Axes = "C", Channels = 5)]
    public partial class LayerNormLncHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Batch = 3, Height = 7, Channels = 5)]
    public partial class BatchNorm2dMixedHalf { }

    [Normalize<Half>(Layout = "NCDHW", Axes = "D,H,W", Depth = 3, Width = 9, Channels = 5)]
    public partial class InstanceNorm3dMixedHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Groups = 2, Width = 9, Channels = 6)]
    public partial class GroupNormMixedHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Batch = 3, Channels = 5, Height = 7, Width = 9)]
    public partial class BatchNorm2dAllFixedHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 5, Affine = false)]
    public partial class BatchNorm2dNonAffineHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Groups = 2, Channels = 6, Affine = false)]
    public partial class GroupNormNonAffineHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Channels = 5, Affine = false)]
    public partial class LayerNormNonAffineHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 5, TrackRunningStats = false)]
    public partial class BatchNorm2dUntrackedHalf { }

    [Normalize<Half>(Layout = "NCL", Axes = "N,L", Channels = 5, Momentum = 0.3, Epsilon = 1e-3)]
    public partial class BatchNorm1dMomentumHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 5, CumulativeAverage = true)]
    public partial class BatchNorm2dCumulativeHalf { }

    [Normalize<Half>(Layout = "NCL", Axes = "L", Channels = 5, TrackRunningStats = true, CumulativeAverage = true)]
    public partial class InstanceNorm1dCumulativeHalf { }

    [Normalize<Half>(Layout = "NLC", Axes = "C", Center = false)]
    public partial class RmsNormNlcHalf { }

    [Normalize<Half>(Layout = "NC", Axes = "C", Channels = 5, Epsilon = 1e-6, Affine = false)]
    public partial class RmsNormNcNoAffineHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "C,H,W", Channels = 5, Height = 7, Width = 9, Center = false)]
    public partial class RmsNormNchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W,C", Channels = 6, Height = 7, Width = 9, Center = false)]
    public partial class RmsNormNhwcHalf { }

    [Normalize<Half>(Layout = "NCL", Axes = "C", Channels = 5, Center = false)]
    public partial class RmsNormOverChannelsNclHalf { }

    [Normalize<Half>(Layout = "LNC", Axes = "C", Channels = 5, Center = false)]
    public partial class RmsNormLncHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Channels = 5, Center = false)]
    public partial class RmsNormInstanceNchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "H,W", Channels = 5, Center = false)]
    public partial class RmsNormInstanceNhwcHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Center = false)]
    public partial class RmsNormBatchNchwHalf { }

    [Normalize<Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 5, Center = false)]
    public partial class RmsNormBatchNhwcHalf { }

    [Normalize<Half>(Layout = "NC", Axes = "N", Channels = 5, Center = false)]
    public partial class RmsNormBatchNcHalf { }

    [Normalize<Half>(Layout = "NC", Axes = "C", Channels = 64)]
    public partial class SharedLayerNormHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 2)]
    public partial class SharedGroupNormHalf { }

    [Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 8)]
    public partial class SharedBatchNormHalf { }

    [Normalize<Half>(Layout = "CNHW", Axes = "N,H,W", Channels = 5)]
    public partial class BatchNorm2dCnhwHalf { }

    [Normalize<Half>(Layout = "HWNC", Axes = "H,W", Channels = 5)]
    public partial class InstanceNorm2dHwncHalf { }

    [Normalize<Half>(Layout = "HWCN", Axes = "H,W", Groups = 3, Channels = 6)]
    public partial class GroupNormHwcnHalf { }

    [Normalize<Half>(Layout = "CL", Axes = "L", Channels = 5)]
    public partial class UnbatchedInstanceNormHalf { }

    [Normalize<Half>(Layout = "LC", Axes = "C", Channels = 6)]
    public partial class UnbatchedLayerNormHalf { }
}
