using System;
using NormGen;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.FashionMnist.Normalization
{
    /// <summary>Picks the declared NormGen class for a normalisation kind and an activation shape.</summary>
    public static class NormFactory
    {
        public static INormalizationLayer<float> Layer(NormKind kind, Shape shape) => (kind, shape.Channels, shape.Height, shape.Width) switch
        {
            (NormKind.BatchNorm, 8, _, _) => new BatchNorm8(),
            (NormKind.BatchNorm, 16, _, _) => new BatchNorm16(),
            (NormKind.BatchNorm, 32, _, _) => new BatchNorm32(),
            (NormKind.GroupNorm, 8, _, _) => new GroupNorm8(),
            (NormKind.GroupNorm, 16, _, _) => new GroupNorm16(),
            (NormKind.GroupNorm, 32, _, _) => new GroupNorm32(),
            (NormKind.InstanceNorm, 8, _, _) => new InstanceNorm8(),
            (NormKind.InstanceNorm, 16, _, _) => new InstanceNorm16(),
            (NormKind.InstanceNorm, 32, _, _) => new InstanceNorm32(),
            (NormKind.LayerNorm, 8, 28, 28) => new LayerNorm8x28(),
            (NormKind.LayerNorm, 16, 14, 14) => new LayerNorm16x14(),
            (NormKind.LayerNorm, 16, 28, 28) => new LayerNorm16x28(),
            (NormKind.LayerNorm, 32, 14, 14) => new LayerNorm32x14(),
            _ => throw new NotSupportedException($"No {kind} layer is declared for activations of {shape}; declare one in Normalization/Layers.cs."),
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
