using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>
    /// SGD with momentum and weight decay as PyTorch's <c>optim.SGD</c> (dampening 0, not Nesterov):
    /// g = ∇ + λ·w (only for parameters with <see cref="Parameter.Decay"/>), v = μ·v + g, w −= lr·v.
    /// </summary>
    public sealed class Sgd
    {
        private readonly IReadOnlyList<Parameter> parameters;
        private readonly float[][] velocity;
        private readonly float[] scratch;

        public Sgd(IReadOnlyList<Parameter> parameters, float learningRate, float momentum, float weightDecay)
        {
            this.parameters = parameters;
            LearningRate = learningRate;
            Momentum = momentum;
            WeightDecay = weightDecay;
            velocity = new float[parameters.Count][];
            int largest = 0;
            for (int i = 0; i < parameters.Count; i++)
            {
                velocity[i] = new float[parameters[i].Value.Length];
                largest = Math.Max(largest, parameters[i].Value.Length);
            }

            scratch = new float[largest];
        }

        public float LearningRate { get; set; }

        public float Momentum { get; }

        public float WeightDecay { get; }

        public void Step()
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                var g = scratch.AsSpan(0, p.Value.Length);
                if (p.Decay && WeightDecay != 0f)
                {
                    TensorPrimitives.MultiplyAdd(p.Value, WeightDecay, p.Grad, g);
                }
                else
                {
                    p.Grad.CopyTo(g);
                }

                var v = velocity[i].AsSpan();
                TensorPrimitives.MultiplyAdd(v, Momentum, g, v);
                TensorPrimitives.MultiplyAdd(v, -LearningRate, p.Value, p.Value);
            }
        }
    }
}
