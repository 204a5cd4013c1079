namespace NormGen.Samples.FashionMnist.Experiments
{
    /// <summary>The settings shared by every run of an invocation (from the command line).</summary>
    public sealed record Settings(
        int Epochs,
        int Batch,
        float LearningRate,
        float Momentum,
        float WeightDecay,
        int Width,
        int Seed,
        float LearningRateFactor);
}
