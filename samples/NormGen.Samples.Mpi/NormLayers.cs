using System;
using System.Collections.Generic;
using NormGen;
using NormGen.Distributed;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.Mpi
{
    /// <summary>BatchNorm2d: <c>new BatchNorm(c)</c> is <c>nn.BatchNorm2d(c)</c>; on (N, C, 1, 1) it is BatchNorm1d(c).
    /// Its statistics reduce N, so it has the synchronised methods.</summary>
    [Normalize(Axes = "N,H,W")]
    public partial class BatchNorm { }

    /// <summary>A BatchNorm in the network: synchronised over <c>collective</c> (PyTorch's SyncBatchNorm) when one is
    /// given, else each rank normalises its own slice (plain BatchNorm under data parallelism).</summary>
    public sealed class BatchNormLayer : ILayer
    {
        private readonly ICollective? _collective;
        private readonly Parameter[] _parameters;

        public BatchNormLayer(string name, Shape shape, ICollective? collective)
        {
            Name = name;
            InputShape = shape;
            Layer = new BatchNorm(shape.Channels);
            _collective = collective;
            _parameters = new[]
            {
                new Parameter(name + ".weight", Layer.Weight, Layer.WeightGrad, decay: false),
                new Parameter(name + ".bias", Layer.Bias, Layer.BiasGrad, decay: false),
            };
        }

        public string Name { get; }

        public BatchNorm Layer { get; }

        public LayerKind Kind => LayerKind.NormGen;

        public Shape InputShape { get; }

        public Shape OutputShape => InputShape;

        public IReadOnlyList<Parameter> Parameters => _parameters;

        public bool Training
        {
            get => Layer.Training;
            set => Layer.Training = value;
        }

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
        {
            int count = batch * InputShape.Size;
            if (_collective is null)
            {
                Layer.Forward(input.Slice(0, count), output.Slice(0, count), batch, InputShape.Height, InputShape.Width);
            }
            else
            {
                Layer.ForwardSynchronized(input.Slice(0, count), output.Slice(0, count), _collective, batch, InputShape.Height, InputShape.Width);
            }
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch)
        {
            int count = batch * InputShape.Size;
            if (_collective is null)
            {
                Layer.Backward(input.Slice(0, count), outputGrad.Slice(0, count), inputGrad.Slice(0, count), batch, InputShape.Height, InputShape.Width);
            }
            else
            {
                Layer.BackwardSynchronized(input.Slice(0, count), outputGrad.Slice(0, count), inputGrad.Slice(0, count), _collective, batch, InputShape.Height, InputShape.Width);
            }
        }

        public void ZeroGrad() => Layer.ZeroGrad();
    }
}
