using System;
using NormGen;

namespace NormGen.Serialization.Tests
{
    /// <summary>nn.BatchNorm2d(c).</summary>
    [Normalize(Axes = "N,H,W")]
    public partial class BatchNorm2d { }

    /// <summary>nn.BatchNorm2d(c) in double.</summary>
    [Normalize<double>(Axes = "N,H,W")]
    public partial class BatchNorm2dDouble { }

    /// <summary>nn.BatchNorm2d(c) on half-precision tensors: parameters and running statistics in float.</summary>
    [Normalize<Half>(Axes = "N,H,W")]
    public partial class BatchNorm2dHalf { }

    /// <summary>nn.LayerNorm(c) on (N, L, C).</summary>
    [Normalize(Layout = "NLC", Axes = "C")]
    public partial class SequenceLayerNorm { }

    /// <summary>nn.LayerNorm([c, h, w]): element-wise affine of shape [c, h, w].</summary>
    [Normalize(Axes = "C,H,W")]
    public partial class PlaneLayerNorm { }

    /// <summary>nn.RMSNorm(c) on (N, L, C): a weight, no bias.</summary>
    [Normalize(Layout = "NLC", Axes = "C", Center = false)]
    public partial class SequenceRmsNorm { }

    /// <summary>nn.GroupNorm(2, c).</summary>
    [Normalize(Axes = "H,W", Groups = 2)]
    public partial class GroupNorm2 { }

    /// <summary>nn.InstanceNorm2d(c): no state at all.</summary>
    [Normalize(Axes = "H,W", Affine = false)]
    public partial class InstanceNorm2d { }

    /// <summary>nn.InstanceNorm2d(c, track_running_stats=True): running statistics without an affine.</summary>
    [Normalize(Axes = "H,W", Affine = false, TrackRunningStats = true)]
    public partial class TrackedInstanceNorm2d { }

    /// <summary>weight_norm(nn.Linear(5, 3)): the weight of the PyTorch file.</summary>
    [WeightNormalize(Shape = new[] { 3, 5 }, Dim = 0)]
    public partial class LinearWeight { }

    [WeightNormalize<double>(Shape = new[] { 4, 3, 2 }, Dim = 1)]
    public partial class MiddleDimWeight { }

    [WeightNormalize(Shape = new[] { 4, 3 }, Dim = -1)]
    public partial class WholeWeight { }

    [StandardScaler(Layout = "NC", Axes = "N", Channels = 5)]
    public partial class FeatureStandardizer { }

    [MinMaxScaler<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3, FeatureRangeMin = -1, FeatureRangeMax = 1)]
    public partial class PixelMinMax { }
}
