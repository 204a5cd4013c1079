namespace NormGen.Samples.FashionMnist.Training
{
    /// <summary>Shares of the training steps' time per layer kind; <see cref="Rest"/> is the loss, the optimiser and the
    /// bookkeeping between layers.</summary>
    public sealed record StepShares(double Convolution, double Pooling, double Linear, double Activation, double NormGen, double Rest);
}
