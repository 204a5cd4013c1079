using Xunit;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>
/// StandardScaler and MinMaxScaler fitted over three batches of different sizes against libtorch's mean, population
/// variance, amin and amax of the concatenated batches, and their transforms against the same formulas in libtorch.
/// </summary>
public class ScalerConformanceTests
{
    private static readonly int[][] FeatureBatches = [[6, 7], [9, 7], [4, 7]];
    private static readonly int[] FeatureTransform = [5, 7];
    private static readonly int[][] ImageBatches = [[4, 3, 5, 7], [2, 3, 5, 7], [3, 3, 5, 7]];
    private static readonly int[] ImageTransform = [3, 3, 5, 7];
    private static readonly int[][] ChannelsLastBatches = [[4, 5, 7, 3], [2, 5, 7, 3], [3, 5, 7, 3]];
    private static readonly int[] ChannelsLastTransform = [3, 5, 7, 3];

    [Fact]
    public void StandardScalerFeaturesFloat()
    {
        var scaler = new StandardScalerNcFloat();
        ScalerCheck.Standard(scaler, scaler.Mean, scaler.Variance, FeatureBatches, FeatureTransform, 401);
    }

    [Fact]
    public void StandardScalerFeaturesDouble()
    {
        var scaler = new StandardScalerNcDouble();
        ScalerCheck.Standard(scaler, scaler.Mean, scaler.Variance, FeatureBatches, FeatureTransform, 402);
    }

    [Fact]
    public void StandardScalerImagesFloat()
    {
        var scaler = new StandardScalerNchwFloat();
        ScalerCheck.Standard(scaler, scaler.Mean, scaler.Variance, ImageBatches, ImageTransform, 403);
    }

    [Fact]
    public void StandardScalerImagesDouble()
    {
        var scaler = new StandardScalerNchwDouble();
        ScalerCheck.Standard(scaler, scaler.Mean, scaler.Variance, ImageBatches, ImageTransform, 404);
    }

    [Fact]
    public void StandardScalerChannelsLastImagesFloat()
    {
        var scaler = new StandardScalerNhwcFloat();
        ScalerCheck.Standard(scaler, scaler.Mean, scaler.Variance, ChannelsLastBatches, ChannelsLastTransform, 405);
    }

    /// <summary>A channel that is 0.75 everywhere: variance exactly 0 on both sides, so it is divided by 1.</summary>
    [Fact]
    public void StandardScalerImagesWithConstantChannelFloat()
    {
        var scaler = new StandardScalerNchwFloat();
        ScalerCheck.Standard(scaler, scaler.Mean, scaler.Variance, ImageBatches, ImageTransform, 406, constantChannel: 1);
    }

    [Fact]
    public void MinMaxScalerFeaturesWithRangeFloat()
    {
        var scaler = new MinMaxScalerNcFloat();
        ScalerCheck.MinMax(scaler, scaler.Min, scaler.Max, -1, 2, clip: false, FeatureBatches, FeatureTransform, 411);
    }

    [Fact]
    public void MinMaxScalerFeaturesWithRangeDouble()
    {
        var scaler = new MinMaxScalerNcDouble();
        ScalerCheck.MinMax(scaler, scaler.Min, scaler.Max, -1, 2, clip: false, FeatureBatches, FeatureTransform, 412);
    }

    [Fact]
    public void MinMaxScalerImagesFloat()
    {
        var scaler = new MinMaxScalerNchwFloat();
        ScalerCheck.MinMax(scaler, scaler.Min, scaler.Max, 0, 1, clip: false, ImageBatches, ImageTransform, 413);
    }

    [Fact]
    public void MinMaxScalerImagesDouble()
    {
        var scaler = new MinMaxScalerNchwDouble();
        ScalerCheck.MinMax(scaler, scaler.Min, scaler.Max, 0, 1, clip: false, ImageBatches, ImageTransform, 414);
    }

    /// <summary>A constant channel: max − min = 0 is taken as 1, so its fitted value maps to the range's lower end.</summary>
    [Fact]
    public void MinMaxScalerImagesWithConstantChannelDouble()
    {
        var scaler = new MinMaxScalerNchwDouble();
        ScalerCheck.MinMax(scaler, scaler.Min, scaler.Max, 0, 1, clip: false, ImageBatches, ImageTransform, 415, constantChannel: 2);
    }

    [Fact]
    public void MinMaxScalerFeaturesClippedFloat()
    {
        var scaler = new MinMaxScalerNcClipFloat();
        ScalerCheck.MinMax(scaler, scaler.Min, scaler.Max, -0.5, 0.5, clip: true, FeatureBatches, FeatureTransform, 416);
    }
}
