using System.Collections.Generic;
using System.Linq;
using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Normalization;
using NormGen.Samples.FashionMnist.Training;

namespace NormGen.Samples.FashionMnist.Experiments
{
    /// <summary>The experiments and the runs each one makes; each tests a claim of the source document.</summary>
    public static class Catalog
    {
        public const string Convergence = "convergence";
        public const string LearningRate = "learning-rate";
        public const string SmallBatch = "small-batch";
        public const string Saturating = "saturating";
        public const string All = "all";

        public static readonly string[] Names = { Convergence, LearningRate, SmallBatch, Saturating, All };

        public static readonly int[] SmallBatches = { 2, 4, 8, 32 };

        public static string Describe(string name) => name switch
        {
            Convergence => "the small CNN with no normalisation, BatchNorm, GroupNorm, LayerNorm, InstanceNorm and weight normalisation",
            LearningRate => "no normalisation vs BatchNorm at the learning rate and at --lr-factor times it",
            SmallBatch => "BatchNorm vs GroupNorm at batch 2, 4, 8 and 32 (learning rate scaled with the batch)",
            Saturating => "a seven-layer CNN with sigmoid and with tanh, without and with BatchNorm",
            _ => "every experiment above, one after the other",
        };

        public static IReadOnlyList<RunSpec> Runs(string name, Settings s) => name switch
        {
            Convergence => new[] { NormKind.None, NormKind.BatchNorm, NormKind.GroupNorm, NormKind.LayerNorm, NormKind.InstanceNorm, NormKind.WeightNorm }
                .Select(norm => Small(Convergence, Label(norm), norm, s.Batch, s.LearningRate, s)).ToArray(),
            LearningRate => new[] { 1f, s.LearningRateFactor }
                .SelectMany(factor => new[] { NormKind.None, NormKind.BatchNorm }
                    .Select(norm => Small(LearningRate, $"{Label(norm)}, lr {s.LearningRate * factor:0.####}", norm, s.Batch, s.LearningRate * factor, s)))
                .ToArray(),
            SmallBatch => SmallBatches
                .SelectMany(batch => new[] { NormKind.BatchNorm, NormKind.GroupNorm }
                    .Select(norm => Small(SmallBatch, $"{Label(norm)}, batch {batch}", norm, batch, s.LearningRate * batch / 32f, s)))
                .ToArray(),
            Saturating => new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh }
                .SelectMany(activation => new[] { NormKind.None, NormKind.BatchNorm }
                    .Select(norm => new RunSpec(Saturating, $"{activation}, {Label(norm)}", Architecture.Deep, s.Width, norm, activation, s.Batch, s.LearningRate, s.Epochs)))
                .ToArray(),
            _ => Names.Where(n => n != All).SelectMany(n => Runs(n, s)).ToArray(),
        };

        public static string Label(NormKind norm) => norm switch
        {
            NormKind.None => "no normalisation",
            NormKind.BatchNorm => "BatchNorm",
            NormKind.GroupNorm => "GroupNorm",
            NormKind.LayerNorm => "LayerNorm",
            NormKind.InstanceNorm => "InstanceNorm",
            _ => "weight normalisation",
        };

        private static RunSpec Small(string experiment, string configuration, NormKind norm, int batch, float learningRate, Settings s) =>
            new(experiment, configuration, Architecture.Small, s.Width, norm, ActivationFunction.ReLU, batch, learningRate, s.Epochs);
    }
}
