namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>What a layer does, for the time spent per kind.</summary>
    public enum LayerKind
    {
        Convolution,
        Pooling,
        Linear,
        Activation,

        /// <summary>A NormGen layer (or a layer whose weight NormGen normalises: the weight normalisation's share is
        /// timed inside that layer).</summary>
        NormGen,
    }
}
