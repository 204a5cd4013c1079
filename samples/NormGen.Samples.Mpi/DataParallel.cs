using System;
using System.Collections.Generic;
using System.Linq;
using NormGen.Distributed;
using NormGen.Samples.FashionMnist.Data;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.Mpi
{
    /// <summary>
    /// Data-parallel training: every rank holds the same model, takes its slice of each global batch, and the ranks'
    /// parameter gradients are averaged before every SGD step (an all-gather, added up in rank order, so every rank
    /// takes bitwise the same step). Without MPI (a group of one) it is plain training.
    /// </summary>
    public sealed class DataParallel
    {
        private readonly ICollective _world;
        private readonly Model _model;
        private readonly Sgd _optimizer;
        private readonly double[] _local;
        private readonly double[] _gathered;
        private readonly double[] _summed;

        public DataParallel(ICollective world, Model model, float learningRate)
        {
            _world = world;
            _model = model;
            _optimizer = new Sgd(model.Parameters, learningRate, momentum: 0.9f, weightDecay: 5e-4f);
            int count = model.Parameters.Sum(p => p.Grad.Length);
            _local = new double[count + 1];
            _gathered = new double[_local.Length * world.Size];
            _summed = new double[_local.Length];
        }

        /// <summary>One epoch; each global batch is <see cref="Model.Capacity"/> × ranks images in the shuffled order, rank r
        /// taking its r-th share. Returns the mean training loss over all ranks.</summary>
        public double TrainEpoch(DataSet train, int[] order)
        {
            _model.Training = true;
            int perRank = _model.Capacity, global = perRank * _world.Size, size = train.ImageSize;
            var images = new float[perRank * size];
            var labels = new byte[perRank];
            int steps = order.Length / global;
            double loss = 0;
            for (int step = 0; step < steps; step++)
            {
                for (int n = 0; n < perRank; n++)
                {
                    int index = order[step * global + _world.Rank * perRank + n];
                    train.Images.AsSpan(index * size, size).CopyTo(images.AsSpan(n * size));
                    labels[n] = train.Labels[index];
                }

                float rankLoss = _model.ForwardBackward(images, labels, perRank);
                loss += AverageGradients(rankLoss);
                _optimizer.Step();
            }

            return loss / steps;
        }

        /// <summary>Eval-mode accuracy on the test set, each rank taking every P-th block of images; the counts are added.</summary>
        public double Accuracy(DataSet test)
        {
            _model.Training = false;
            int size = test.ImageSize, correct = 0;
            for (int start = _world.Rank * _model.Capacity; start < test.Count; start += _model.Capacity * _world.Size)
            {
                int batch = Math.Min(_model.Capacity, test.Count - start);
                var logits = _model.Forward(test.Images.AsSpan(start * size, batch * size), batch);
                for (int n = 0; n < batch; n++)
                {
                    if (SoftmaxCrossEntropy.ArgMax(logits.Slice(n * Model.Classes, Model.Classes)) == test.Labels[start + n])
                    {
                        correct++;
                    }
                }
            }

            var counts = new double[_world.Size];
            _world.AllGather(new double[] { correct }, counts);
            return counts.Sum() / test.Count;
        }

        /// <summary>Every rank's value of <paramref name="value"/>, in rank order.</summary>
        public double[] Gather(double value)
        {
            var all = new double[_world.Size];
            _world.AllGather(new[] { value }, all);
            return all;
        }

        /// <summary>Rank 0's running statistics on every rank, as PyTorch's DistributedDataParallel broadcasts buffers:
        /// without synchronisation each rank's running statistics are its own slices'.</summary>
        public void TakeRunningStatisticsOfRankZero()
        {
            foreach (var norm in _model.Norms)
            {
                foreach (var buffer in new[] { norm.Layer.RunningMean, norm.Layer.RunningVar })
                {
                    var all = new double[buffer.Length * _world.Size];
                    _world.AllGather(buffer.Select(v => (double)v).ToArray(), all);
                    for (int i = 0; i < buffer.Length; i++)
                    {
                        buffer[i] = (float)all[i];
                    }
                }
            }
        }

        /// <summary>A checksum of the parameters (their sum in double), to show every rank holds the same model.</summary>
        public double ParameterChecksum() => _model.Parameters.Sum(p => p.Value.Sum(v => (double)v));

        // The gradients of the mean loss over the global batch: every rank's gradients (of its own mean loss) added in rank
        // order and divided by the number of ranks. The loss travels along and is averaged the same way.
        private double AverageGradients(float loss)
        {
            int offset = 0;
            foreach (var parameter in _model.Parameters)
            {
                for (int i = 0; i < parameter.Grad.Length; i++)
                {
                    _local[offset++] = parameter.Grad[i];
                }
            }

            _local[offset] = loss;
            _world.AllGather(_local, _gathered);
            BatchMoments.SumRanks(_gathered, _world.Size, _summed);
            offset = 0;
            foreach (var parameter in _model.Parameters)
            {
                for (int i = 0; i < parameter.Grad.Length; i++)
                {
                    parameter.Grad[i] = (float)(_summed[offset++] / _world.Size);
                }
            }

            return _summed[offset] / _world.Size;
        }
    }
}
