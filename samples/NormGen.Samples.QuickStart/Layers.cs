using NormGen;

namespace NormGen.Samples.QuickStart
{
    /// <summary>BatchNorm2d(4) on NCHW images: one mean and variance per channel, over batch, height and width.</summary>
    [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
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
