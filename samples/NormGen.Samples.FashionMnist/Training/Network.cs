using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.FashionMnist.Training
{
    /// <summary>A chain of layers ending in logits, with the activations and gradients of every layer kept for
    /// backward, and the time of each training step recorded per layer kind.</summary>
    public sealed class Network
    {
        private readonly ILayer[] layers;
        private float[][] activations = Array.Empty<float[]>();
        private float[][] gradients = Array.Empty<float[]>();
        private int capacity;

        public Network(IEnumerable<ILayer> layers)
        {
            this.layers = layers.ToArray();
            Parameters = this.layers.SelectMany(l => l.Parameters).ToArray();
        }

        public IReadOnlyList<ILayer> Layers => layers;

        public IReadOnlyList<Parameter> Parameters { get; }

        public Shape InputShape => layers[0].InputShape;

        public int Classes => layers[^1].OutputShape.Size;

        public StepTimes Times { get; } = new();

        public bool Training
        {
            get => layers[0].Training;
            set
            {
                foreach (var layer in layers)
                {
                    layer.Training = value;
                }
            }
        }

        /// <summary>Runs the batch through every layer; returns the logits (batch × classes), valid until the next call.</summary>
        public ReadOnlySpan<float> Forward(ReadOnlySpan<float> images, int batch)
        {
            Reserve(batch);
            images.Slice(0, batch * InputShape.Size).CopyTo(activations[0]);
            for (int i = 0; i < layers.Length; i++)
            {
                long start = Stopwatch.GetTimestamp(), normGenBefore = WeightNormTicks(layers[i]);
                layers[i].Forward(activations[i], activations[i + 1], batch);
                Charge(layers[i], start, normGenBefore);
            }

            return activations[^1].AsSpan(0, batch * Classes);
        }

        /// <summary>One SGD step on a batch: forward, softmax cross-entropy, backward, update. Returns the loss.</summary>
        public float TrainStep(ReadOnlySpan<float> images, ReadOnlySpan<byte> labels, int batch, Sgd optimizer)
        {
            long stepStart = Stopwatch.GetTimestamp();
            foreach (var layer in layers)
            {
                layer.ZeroGrad();
            }

            var logits = Forward(images, batch);
            float loss = SoftmaxCrossEntropy.Loss(logits, labels, gradients[^1], batch, Classes);
            for (int i = layers.Length - 1; i >= 0; i--)
            {
                long start = Stopwatch.GetTimestamp(), normGenBefore = WeightNormTicks(layers[i]);
                var inputGrad = i == 0 ? Span<float>.Empty : gradients[i].AsSpan();
                layers[i].Backward(activations[i], activations[i + 1], gradients[i + 1], inputGrad, batch);
                Charge(layers[i], start, normGenBefore);
            }

            optimizer.Step();
            Times.Total += Stopwatch.GetTimestamp() - stepStart;
            return loss;
        }

        private static long WeightNormTicks(ILayer layer) => layer switch
        {
            Conv2d conv => conv.NormalizedWeight.NormGenTicks,
            Linear linear => linear.NormalizedWeight.NormGenTicks,
            _ => 0,
        };

        /// <summary>Adds a layer call's time to its kind (and its weight normalisation's to NormGen); eval calls are not
        /// training steps and are not counted.</summary>
        private void Charge(ILayer layer, long start, long normGenBefore)
        {
            if (!layer.Training)
            {
                return;
            }

            long elapsed = Stopwatch.GetTimestamp() - start;
            long normGen = WeightNormTicks(layer) - normGenBefore;
            Times[layer.Kind] += elapsed - normGen;
            Times[LayerKind.NormGen] += normGen;
        }

        private void Reserve(int batch)
        {
            if (batch <= capacity)
            {
                return;
            }

            capacity = batch;
            activations = new float[layers.Length + 1][];
            gradients = new float[layers.Length + 1][];
            activations[0] = new float[batch * InputShape.Size];
            gradients[0] = new float[batch * InputShape.Size];
            for (int i = 0; i < layers.Length; i++)
            {
                activations[i + 1] = new float[batch * layers[i].OutputShape.Size];
                gradients[i + 1] = new float[batch * layers[i].OutputShape.Size];
            }
        }
    }
}
