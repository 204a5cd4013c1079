using NormGen;

namespace NormGen.Transforms.Tests
{
    // Weight normalisations over a 4-D weight whose extents are not multiples of any vector width, so every kernel
    // runs both its vector loop and its scalar tail, for every Dim.
    [WeightNormalize<double>(Shape = new[] { 6, 5, 3, 11 }, Dim = 0)]
    public partial class WeightDim0 { }

    [WeightNormalize<double>(Shape = new[] { 6, 5, 3, 11 }, Dim = 1)]
    public partial class WeightDim1 { }

    [WeightNormalize<double>(Shape = new[] { 6, 5, 3, 11 }, Dim = 2)]
    public partial class WeightDim2 { }

    [WeightNormalize<double>(Shape = new[] { 6, 5, 3, 11 }, Dim = -2)]
    public partial class WeightDimFromEnd { }

    /// <summary>PyTorch's dim=-1: one magnitude and one norm for the whole weight.</summary>
    [WeightNormalize<double>(Shape = new[] { 6, 5, 3, 11 }, Dim = -1)]
    public partial class WholeWeight { }

    [WeightNormalize(Shape = new[] { 6, 5, 3, 11 }, Dim = 0)]
    public partial class FloatWeightDim0 { }

    [WeightNormalize(Shape = new[] { 6, 5, 3, 11 }, Dim = 3)]
    public partial class FloatWeightDimLast { }

    /// <summary>A linear layer's weight (out = 19, in = 23), PyTorch's default Dim = 0.</summary>
    [WeightNormalize<double>(Shape = new[] { 19, 23 })]
    public partial class LinearWeight { }

    /// <summary>Extent 1 along Dim: the whole weight is one row.</summary>
    [WeightNormalize<double>(Shape = new[] { 4, 1, 9 }, Dim = 1)]
    public partial class SingleRowWeight { }

    /// <summary>A vector: every element is its own row.</summary>
    [WeightNormalize<double>(Shape = new[] { 13 })]
    public partial class VectorWeight { }

    /// <summary>With a lower bound on the norm.</summary>
    [WeightNormalize<double>(Shape = new[] { 5, 7 }, Dim = 0, Epsilon = 0.5)]
    public partial class ClampedWeight { }

    [WeightNormalize(Shape = new[] { 2, 2 }, Dim = 0, Epsilon = 1e-6)]
    public partial class SmallWeight { }

    // Scalers: per feature of NC data, per channel of NCHW and NHWC images, per (feature) of NLC sequences, and per sample.
    [StandardScaler<double>(Layout = "NC", Axes = "N", Channels = 13)]
    public partial class FeatureStandardizer { }

    [StandardScaler<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
    public partial class ImageStandardizer { }

    [StandardScaler<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 5, Height = 3, Width = 7)]
    public partial class ChannelsLastStandardizer { }

    [StandardScaler(Layout = "NLC", Axes = "N,L", Channels = 9)]
    public partial class FloatSequenceStandardizer { }

    [StandardScaler<double>(Layout = "NC", Axes = "C", Batch = 4)]
    public partial class SampleStandardizer { }

    [MinMaxScaler<double>(Layout = "NC", Axes = "N", Channels = 13, FeatureRangeMin = -1, FeatureRangeMax = 2)]
    public partial class FeatureMinMax { }

    [MinMaxScaler<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
    public partial class ImageMinMax { }

    [MinMaxScaler(Layout = "NHWC", Axes = "N,H,W", Channels = 5)]
    public partial class FloatChannelsLastMinMax { }

    [MinMaxScaler<double>(Layout = "NC", Axes = "N", Channels = 2, Clip = true)]
    public partial class ClippedMinMax { }

    // Scalers whose kept extents are given to the constructor: new ConstructedImageStandardizer(3), as fixed ones.
    [StandardScaler<double>(Layout = "NCHW", Axes = "N,H,W")]
    public partial class ConstructedImageStandardizer { }

    [StandardScaler<double>(Layout = "NHWC", Axes = "N,H,W", Height = 3)]
    public partial class ConstructedChannelsLastStandardizer { }

    /// <summary>Per pixel: channels, height and width all kept, all given to the constructor.</summary>
    [StandardScaler<double>(Layout = "NCHW", Axes = "N")]
    public partial class ConstructedPixelStandardizer { }

    [MinMaxScaler<double>(Layout = "NC", Axes = "N", FeatureRangeMin = -1, FeatureRangeMax = 2)]
    public partial class ConstructedFeatureMinMax { }

    [MinMaxScaler(Layout = "NHWC", Axes = "N,H,W")]
    public partial class FloatConstructedChannelsLastMinMax { }
}
