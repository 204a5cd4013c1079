using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using NormGen;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>Fully connected layer y = W x + b over the flattened sample (W is outputs × inputs, as PyTorch).</summary>
    public sealed class Linear : ILayer
    {
        private readonly NormalizedWeight weight;
        private readonly float[] bias;
        private readonly float[] biasGrad;
        private readonly Parameter[] parameters;

        public Linear(string name, Shape input, int outputs, Random random, IWeightNormalization<float>? weightNorm = null)
        {
            Name = name;
            InputShape = input;
            OutputShape = new Shape(outputs, 1, 1);
            var initial = new float[outputs * input.Size];
            Initialization.Uniform(initial, input.Size, random);
            bias = new float[outputs];
            Initialization.Uniform(bias, input.Size, random);
            weight = new NormalizedWeight(initial, weightNorm);
            biasGrad = new float[outputs];
            parameters = weight.Parameters(name + ".weight").Append(new Parameter(name + ".bias", bias, biasGrad, decay: false)).ToArray();
        }

        public string Name { get; }

        public LayerKind Kind => LayerKind.Linear;

        public Shape InputShape { get; }

        public Shape OutputShape { get; }

        public IReadOnlyList<Parameter> Parameters => parameters;

        public bool Training { get; set; } = true;

        public NormalizedWeight NormalizedWeight => weight;

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
        {
            weight.Refresh();
            int inputs = InputShape.Size, outputs = OutputShape.Size;
            for (int n = 0; n < batch; n++)
            {
                var x = input.Slice(n * inputs, inputs);
                for (int o = 0; o < outputs; o++)
                {
                    output[n * outputs + o] = bias[o] + TensorPrimitives.Dot(weight.Value.AsSpan(o * inputs, inputs), x);
                }
            }
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch)
        {
            int inputs = InputShape.Size, outputs = OutputShape.Size;
            for (int n = 0; n < batch; n++)
            {
                var x = input.Slice(n * inputs, inputs);
                var dx = inputGrad.IsEmpty ? Span<float>.Empty : inputGrad.Slice(n * inputs, inputs);
                dx.Clear();
                for (int o = 0; o < outputs; o++)
                {
                    float dy = outputGrad[n * outputs + o];
                    biasGrad[o] += dy;
                    var row = weight.Grad.AsSpan(o * inputs, inputs);
                    TensorPrimitives.MultiplyAdd(x, dy, row, row);
                    if (!dx.IsEmpty)
                    {
                        TensorPrimitives.MultiplyAdd(weight.Value.AsSpan(o * inputs, inputs), dy, dx, dx);
                    }
                }
            }

            weight.BackwardToParameters();
        }

        public void ZeroGrad()
        {
            weight.ZeroGrad();
            Array.Clear(biasGrad);
        }
    }
}
