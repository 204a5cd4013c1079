using NormGen;

namespace NormGen.Samples.QuickStart
{
    /// <summary>BatchNorm2d: one mean and variance per channel, over batch, height and width. No Layout: channels-first
    /// (NCHW) is the default; no Channels: the constructor takes the count, <c>new ImageBatchNorm(4)</c>.</summary>
    [Normalize(Axes = "N,H,W")]
    public partial class ImageBatchNorm
    {
    }

    /// <summary>GroupNorm(2, 4) on 8×8 NCHW images: one mean and variance per sample and group of two channels.</summary>
    [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 4, Groups = 2, Height = 8, Width = 8)]
    public partial class ImageGroupNorm
    {
    }

    /// <summary>Z-score per channel of the raw images, fitted batch by batch.</summary>
    [StandardScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
    public partial class ImageStandardizer
    {
    }

    /// <summary>The linear head's weight (1 output, 4 inputs), weight-normalised along the output dimension.</summary>
    [WeightNormalize(Shape = new[] { 1, 4 })]
    public partial class HeadWeight
    {
    }
}
