using System;
using NormGen.Samples.FashionMnist.Data;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.FashionMnist.Training
{
    /// <summary>Epochs of shuffled mini-batches (the last incomplete batch is dropped) and eval-mode accuracy.</summary>
    public static class Trainer
    {
        public const int EvalBatch = 200;

        /// <summary>Trains one epoch and returns the mean training loss of its batches.</summary>
        public static double TrainEpoch(Network network, Sgd optimizer, DataSet train, int batch, Random shuffle, Action<int>? imagesDone = null)
        {
            network.Training = true;
            int[] order = new int[train.Count];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            shuffle.Shuffle(order);
            int size = train.ImageSize, steps = train.Count / batch;
            var images = new float[batch * size];
            var labels = new byte[batch];
            double total = 0;
            for (int step = 0; step < steps; step++)
            {
                for (int n = 0; n < batch; n++)
                {
                    int index = order[step * batch + n];
                    train.Images.AsSpan(index * size, size).CopyTo(images.AsSpan(n * size));
                    labels[n] = train.Labels[index];
                }

                total += network.TrainStep(images, labels, batch, optimizer);
                imagesDone?.Invoke(batch);
            }

            return total / steps;
        }

        /// <summary>Fraction of <paramref name="test"/> classified correctly in eval mode (BatchNorm uses its running
        /// statistics); the network is left in eval mode.</summary>
        public static double Accuracy(Network network, DataSet test)
        {
            network.Training = false;
            int correct = 0, size = test.ImageSize, classes = network.Classes;
            for (int start = 0; start < test.Count; start += EvalBatch)
            {
                int batch = Math.Min(EvalBatch, test.Count - start);
                var logits = network.Forward(test.Images.AsSpan(start * size, batch * size), batch);
                for (int n = 0; n < batch; n++)
                {
                    if (SoftmaxCrossEntropy.ArgMax(logits.Slice(n * classes, classes)) == test.Labels[start + n])
                    {
                        correct++;
                    }
                }
            }

            return (double)correct / test.Count;
        }
    }
}
