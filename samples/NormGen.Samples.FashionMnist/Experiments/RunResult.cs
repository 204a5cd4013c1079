using System.Collections.Generic;
using NormGen.Samples.FashionMnist.Training;

namespace NormGen.Samples.FashionMnist.Experiments
{
    /// <summary>What one epoch gave: mean training loss, eval-mode test accuracy, the time it took (training and test),
    /// and where the training steps' time went.</summary>
    public sealed record EpochResult(int Epoch, double TrainLoss, double TestAccuracy, double Seconds, double ImagesPerSecond, StepShares Shares)
    {
        /// <summary>The share of the training steps spent in NormGen layers and weight normalisation.</summary>
        public double NormGenShare => Shares.NormGen;
    }

    public sealed record RunResult(RunSpec Spec, IReadOnlyList<EpochResult> Epochs);
}
