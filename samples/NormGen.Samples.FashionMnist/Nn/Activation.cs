using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace NormGen.Samples.FashionMnist.Nn
{
    public enum ActivationFunction
    {
        ReLU,
        Sigmoid,
        Tanh,
    }

    /// <summary>Element-wise activation. Backward uses the output: ReLU y &gt; 0, sigmoid y(1 − y), tanh 1 − y².</summary>
    public sealed class Activation : ILayer
    {
        public Activation(string name, Shape shape, ActivationFunction function)
        {
            Name = name;
            InputShape = shape;
            Function = function;
        }

        public string Name { get; }

        public ActivationFunction Function { get; }

        public LayerKind Kind => LayerKind.Activation;

        public Shape InputShape { get; }

        public Shape OutputShape => InputShape;

        public IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

        public bool Training { get; set; } = true;

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
        {
            int count = batch * InputShape.Size;
            var x = input.Slice(0, count);
            var y = output.Slice(0, count);
            switch (Function)
            {
                case ActivationFunction.ReLU:
                    TensorPrimitives.Max(x, 0f, y);
                    break;
                case ActivationFunction.Sigmoid:
                    TensorPrimitives.Sigmoid(x, y);
                    break;
                default:
                    TensorPrimitives.Tanh(x, y);
                    break;
            }
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch)
        {
            if (inputGrad.IsEmpty)
            {
                return;
            }

            int count = batch * InputShape.Size;
            for (int i = 0; i < count; i++)
            {
                float y = output[i];
                inputGrad[i] = Function switch
                {
                    ActivationFunction.ReLU => y > 0f ? outputGrad[i] : 0f,
                    ActivationFunction.Sigmoid => outputGrad[i] * y * (1f - y),
                    _ => outputGrad[i] * (1f - y * y),
                };
            }
        }

        public void ZeroGrad()
        {
        }
    }
}
