using System;
using System.Collections.Generic;
using System.Linq;
using NormGen.Distributed;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.Mpi
{
    /// <summary>
    /// The Fashion-MNIST sample's small CNN with a hidden layer of 32 features before the classifier, BatchNorm after every
    /// weight layer but the last: conv(1→8) BN ReLU pool, conv(8→16) BN ReLU pool, linear(784→32) BN ReLU, linear(32→10).
    /// The hidden layer's BatchNorm takes each feature's statistics over the batch alone (N values): the configuration
    /// where a small batch hurts, unlike the convolutions' N × H × W values.
    /// </summary>
    public sealed class Model
    {
        private readonly ILayer[] _layers;
        private readonly float[][] _activations;
        private readonly float[][] _gradients;

        public Model(int batch, int seed, ICollective? synchronizeOver)
        {
            var random = new Random(seed);
            var layers = new List<ILayer>();
            var shape = new Shape(1, 28, 28);
            int block = 0;
            foreach (int channels in new[] { 8, 16 })
            {
                block++;
                var conv = new Conv2d($"conv{block}", shape, channels, random);
                layers.Add(conv);
                shape = conv.OutputShape;
                layers.Add(new BatchNormLayer($"bn{block}", shape, synchronizeOver));
                layers.Add(new Activation($"relu{block}", shape, ActivationFunction.ReLU));
                var pool = new MaxPool2d($"pool{block}", shape);
                layers.Add(pool);
                shape = pool.OutputShape;
            }

            var hidden = new Linear("fc1", shape, 32, random);
            layers.Add(hidden);
            layers.Add(new BatchNormLayer("bn3", hidden.OutputShape, synchronizeOver));
            layers.Add(new Activation("relu3", hidden.OutputShape, ActivationFunction.ReLU));
            layers.Add(new Linear("fc2", hidden.OutputShape, Classes, random));
            _layers = layers.ToArray();
            Parameters = _layers.SelectMany(l => l.Parameters).ToArray();
            Norms = _layers.OfType<BatchNormLayer>().ToArray();
            _activations = new float[_layers.Length + 1][];
            _gradients = new float[_layers.Length + 1][];
            _activations[0] = new float[batch * _layers[0].InputShape.Size];
            _gradients[0] = Array.Empty<float>();
            for (int i = 0; i < _layers.Length; i++)
            {
                _activations[i + 1] = new float[batch * _layers[i].OutputShape.Size];
                _gradients[i + 1] = new float[batch * _layers[i].OutputShape.Size];
            }

            Capacity = batch;
        }

        public const int Classes = 10;

        public int Capacity { get; }

        public IReadOnlyList<Parameter> Parameters { get; }

        public IReadOnlyList<BatchNormLayer> Norms { get; }

        public bool Training
        {
            set
            {
                foreach (var layer in _layers)
                {
                    layer.Training = value;
                }
            }
        }

        /// <summary>Logits of a batch of at most <see cref="Capacity"/> images (0 is allowed: a rank with no samples).</summary>
        public ReadOnlySpan<float> Forward(ReadOnlySpan<float> images, int batch)
        {
            images.CopyTo(_activations[0]);
            for (int i = 0; i < _layers.Length; i++)
            {
                _layers[i].Forward(_activations[i], _activations[i + 1], batch);
            }

            return _activations[^1].AsSpan(0, batch * Classes);
        }

        /// <summary>Forward, softmax cross-entropy averaged over this rank's batch, Backward: the parameters' gradients of
        /// this rank's loss. Returns the loss.</summary>
        public float ForwardBackward(ReadOnlySpan<float> images, ReadOnlySpan<byte> labels, int batch)
        {
            foreach (var layer in _layers)
            {
                layer.ZeroGrad();
            }

            var logits = Forward(images, batch);
            float loss = SoftmaxCrossEntropy.Loss(logits, labels, _gradients[^1], batch, Classes);
            for (int i = _layers.Length - 1; i >= 0; i--)
            {
                _layers[i].Backward(_activations[i], _activations[i + 1], _gradients[i + 1], _gradients[i], batch);
            }

            return loss;
        }
    }
}
