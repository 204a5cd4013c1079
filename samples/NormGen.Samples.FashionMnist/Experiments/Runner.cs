using System;
using System.Collections.Generic;
using System.Diagnostics;
using NormGen.Samples.FashionMnist.Data;
using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Training;

namespace NormGen.Samples.FashionMnist.Experiments
{
    /// <summary>Trains one run: the same seed gives the same initial weights and the same batch order for every
    /// configuration of the same shape. The learning rate follows a cosine from its value in the first epoch towards
    /// 0 (PyTorch's <c>CosineAnnealingLR</c> stepped once per epoch, T_max = epochs).</summary>
    public static class Runner
    {
        public static RunResult Run(RunSpec spec, Settings settings, DataSet train, DataSet test, Action<int>? imagesDone = null, Action<EpochResult>? epochDone = null)
        {
            var network = Models.Build(spec.Architecture, spec.Width, spec.Norm, spec.Activation, new Random(settings.Seed));
            var optimizer = new Sgd(network.Parameters, spec.LearningRate, settings.Momentum, settings.WeightDecay);
            var shuffle = new Random(settings.Seed + 1);
            var epochs = new List<EpochResult>();
            for (int epoch = 1; epoch <= spec.Epochs; epoch++)
            {
                optimizer.LearningRate = CosineLearningRate(spec.LearningRate, epoch - 1, spec.Epochs);
                network.Times.Reset();
                long start = Stopwatch.GetTimestamp();
                double loss = Trainer.TrainEpoch(network, optimizer, train, spec.Batch, shuffle, imagesDone);
                double trainSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                double accuracy = Trainer.Accuracy(network, test);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                int images = train.Count / spec.Batch * spec.Batch;
                var result = new EpochResult(epoch, loss, accuracy, seconds, images / trainSeconds, network.Times.Shares());
                epochs.Add(result);
                epochDone?.Invoke(result);
            }

            return new RunResult(spec, epochs);
        }

        /// <summary>lr · ½ (1 + cos(π · epoch / epochs)) for the 0-based epoch.</summary>
        public static float CosineLearningRate(float learningRate, int epoch, int epochs) =>
            (float)(learningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs)));
    }
}
