using System.Collections.Generic;

namespace NormGen.Samples.FashionMnist.Experiments
{
    /// <summary>What one epoch gave: mean training loss, eval-mode test accuracy, and the time it took (training and
    /// test). <see cref="NormGenShare"/> is the share of the epoch's training steps spent in NormGen code.</summary>
    public sealed record EpochResult(int Epoch, double TrainLoss, double TestAccuracy, double Seconds, double ImagesPerSecond, double NormGenShare);

    public sealed record RunResult(RunSpec Spec, IReadOnlyList<EpochResult> Epochs);
}
