using System;
using NormGen;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.FashionMnist.Normalization
{
    /// <summary>Picks the declared NormGen class for a normalisation kind and an activation shape.</summary>
    public static class NormFactory
    {
        public static INormalizationLayer<float> Layer(NormKind kind, Shape shape) => kind switch
        {
            NormKind.BatchNorm => new BatchNorm2d(shape.Channels),
            NormKind.GroupNorm => new GroupNorm4(shape.Channels),
            NormKind.InstanceNorm => new InstanceNorm2d(shape.Channels),
            NormKind.LayerNorm => new LayerNormChw(shape.Channels, shape.Height, shape.Width),
            _ => throw new NotSupportedException($"{kind} is not a normalisation layer."),
        };

        /// <summary>The weight normalisation of a weight of the given shape (outputs first).</summary>
        public static IWeightNormalization<float> Weight(params int[] shape) => string.Join("x", shape) switch
        {
            "8x1x3x3" => new ConvWeight8x1(),
            "16x8x3x3" => new ConvWeight16x8(),
            "10x784" => new LinearWeight10x784(),
            "16x1x3x3" => new ConvWeight16x1(),
            "32x16x3x3" => new ConvWeight32x16(),
            "10x1568" => new LinearWeight10x1568(),
            var other => throw new NotSupportedException($"No weight normalisation is declared for a weight of {other}; declare one in Normalization/Weights.cs."),
        };
    }
}
