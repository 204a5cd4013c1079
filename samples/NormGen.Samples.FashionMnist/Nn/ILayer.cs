using System;
using System.Collections.Generic;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>
    /// One layer of a network over a batch of samples, densely packed (N, then the sample's C × H × W).
    /// <c>Backward</c> adds to the parameters' gradients; an empty <c>inputGrad</c> means nobody needs it.
    /// </summary>
    public interface ILayer
    {
        string Name { get; }

        LayerKind Kind { get; }

        Shape InputShape { get; }

        Shape OutputShape { get; }

        IReadOnlyList<Parameter> Parameters { get; }

        bool Training { get; set; }

        void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

        void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch);

        /// <summary>Clears every gradient the layer accumulates.</summary>
        void ZeroGrad();
    }
}
