using System;
using System.Collections.Generic;
using NormGen;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>A NormGen layer in a network: passes the batch's NCHW shape and exposes γ and β as parameters.</summary>
    public sealed class NormLayer : ILayer
    {
        private readonly Parameter[] parameters;

        public NormLayer(string name, Shape shape, INormalizationLayer<float> layer)
        {
            Name = name;
            InputShape = shape;
            Layer = layer;
            parameters = layer.Weight is null
                ? Array.Empty<Parameter>()
                : new[]
                {
                    new Parameter(name + ".weight", layer.Weight, layer.WeightGrad!, decay: false),
                    new Parameter(name + ".bias", layer.Bias!, layer.BiasGrad!, decay: false),
                };
        }

        public string Name { get; }

        public INormalizationLayer<float> Layer { get; }

        public LayerKind Kind => LayerKind.NormGen;

        public Shape InputShape { get; }

        public Shape OutputShape => InputShape;

        public IReadOnlyList<Parameter> Parameters => parameters;

        public bool Training
        {
            get => Layer.Training;
            set => Layer.Training = value;
        }

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
        {
            int count = batch * InputShape.Size;
            Layer.Forward(input.Slice(0, count), output.Slice(0, count), stackalloc int[] { batch, InputShape.Channels, InputShape.Height, InputShape.Width });
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch)
        {
            int count = batch * InputShape.Size;
            Layer.Backward(input.Slice(0, count), outputGrad.Slice(0, count), inputGrad.Slice(0, count), stackalloc int[] { batch, InputShape.Channels, InputShape.Height, InputShape.Width });
        }

        public void ZeroGrad() => Layer.ZeroGrad();
    }
}
