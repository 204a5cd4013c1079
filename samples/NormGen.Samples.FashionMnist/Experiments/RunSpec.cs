using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Normalization;
using NormGen.Samples.FashionMnist.Training;

namespace NormGen.Samples.FashionMnist.Experiments
{
    /// <summary>One training run of an experiment: a network, its normalisation and the optimiser's settings.</summary>
    public sealed record RunSpec(
        string Experiment,
        string Configuration,
        Architecture Architecture,
        int Width,
        NormKind Norm,
        ActivationFunction Activation,
        int Batch,
        float LearningRate,
        int Epochs);
}
