using System;

namespace NormGen
{
    /// <summary>
    /// What every generated weight normalisation offers: the direction <see cref="V"/> and magnitude <see cref="G"/>
    /// that parametrise a weight <c>w = g · v / ‖v‖</c>, their accumulated gradients, and the computation both ways.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface IWeightNormalization<T>
        where T : unmanaged
    {
        /// <summary>The weight's shape, outermost dimension first.</summary>
        ReadOnlySpan<int> Shape { get; }

        /// <summary>The dimension that keeps one magnitude per index, counted from the front; -1 for one norm and one
        /// magnitude over the whole weight (PyTorch's <c>dim=-1</c>).</summary>
        int Dim { get; }

        /// <summary>Lower bound of the norm (0: none, as PyTorch).</summary>
        double Epsilon { get; }

        /// <summary>The direction <c>v</c> (PyTorch <c>original1</c>), densely packed in <see cref="Shape"/>.</summary>
        T[] V { get; }

        /// <summary>The magnitudes <c>g</c> (PyTorch <c>original0</c>), one per index of <see cref="Dim"/>: PyTorch's
        /// <c>g</c> has extent 1 in every other dimension, so its data is exactly this array.</summary>
        T[] G { get; }

        /// <summary>Accumulated gradient of the loss with respect to <see cref="V"/>.</summary>
        T[] VGrad { get; }

        /// <summary>Accumulated gradient of the loss with respect to <see cref="G"/>.</summary>
        T[] GGrad { get; }

        /// <summary>Takes an existing weight as the starting point: <c>v = weight</c> and <c>g = ‖weight‖</c> per index
        /// of <see cref="Dim"/>, so <see cref="ComputeWeight"/> gives the weight back (PyTorch's registration).</summary>
        void InitializeFrom(ReadOnlySpan<T> weight);

        /// <summary>Writes <c>w = g · v / ‖v‖</c>.</summary>
        void ComputeWeight(Span<T> weight);

        /// <summary>Adds the gradients of <see cref="G"/> and <see cref="V"/> given the gradient of the loss with
        /// respect to the weight, at the current <see cref="V"/> and <see cref="G"/>.</summary>
        void Backward(ReadOnlySpan<T> weightGrad);

        /// <summary>Sets <see cref="VGrad"/> and <see cref="GGrad"/> to zero.</summary>
        void ZeroGrad();
    }
}
