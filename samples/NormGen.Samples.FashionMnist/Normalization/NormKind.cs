namespace NormGen.Samples.FashionMnist.Normalization
{
    /// <summary>The normalisation a network uses after each convolution (or, for weight normalisation, on the weights).</summary>
    public enum NormKind
    {
        None,
        BatchNorm,
        GroupNorm,
        LayerNorm,
        InstanceNorm,
        WeightNorm,
    }
}
