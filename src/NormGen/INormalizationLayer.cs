using System;

namespace NormGen
{
    /// <summary>
    /// What every generated normalisation layer offers, whatever its layout and element types: code that holds layers
    /// of several configurations (a model, a training loop, a test) works through this interface, passing the full
    /// shape. A float or double layer implements it through <see cref="INormalizationLayer{T}"/>; a
    /// <c>[Normalize&lt;Half&gt;]</c> layer as <c>INormalizationLayer&lt;Half, float&gt;</c>. The generated class also has
    /// <c>Forward</c> and <c>Backward</c> overloads that take only the dimensions not fixed in the attribute; those are
    /// the fast path to call directly.
    /// </summary>
    /// <typeparam name="TTensor">The type of the input, the output and their gradients.</typeparam>
    /// <typeparam name="TParameter">The type of the parameters, their gradients and the running statistics, and the
    /// type the layer computes in.</typeparam>
    public interface INormalizationLayer<TTensor, TParameter>
        where TTensor : unmanaged
        where TParameter : unmanaged
    {
        /// <summary>The memory layout, outermost axis first, for example <c>"NCHW"</c>: the declared one, or the
        /// channels-first default when the attribute gives none.</summary>
        string Layout { get; }

        /// <summary>The reduced axes as declared, for example <c>"N,H,W"</c>.</summary>
        string Axes { get; }

        /// <summary>The number of channels: fixed in the attribute, or given to the constructor.</summary>
        int Channels { get; }

        /// <summary>The shape of <see cref="Weight"/> and <see cref="Bias"/> as PyTorch gives it: (C) for per-channel
        /// parameters, the reduced non-batch extents in layout order for an element-wise affine (LayerNorm), and empty
        /// when the layer has none.</summary>
        ReadOnlySpan<int> ParameterShape { get; }

        /// <summary>The epsilon added to the variance before the square root, as declared.</summary>
        double Epsilon { get; }

        /// <summary>Training mode (batch statistics, running statistics updated) or eval mode.</summary>
        bool Training { get; set; }

        /// <summary>γ, or <see langword="null"/> when the layer is not affine.</summary>
        TParameter[]? Weight { get; }

        /// <summary>β, or <see langword="null"/> when the layer is not affine.</summary>
        TParameter[]? Bias { get; }

        /// <summary>Accumulated gradient of <see cref="Weight"/>, or <see langword="null"/> when the layer is not affine.</summary>
        TParameter[]? WeightGrad { get; }

        /// <summary>Accumulated gradient of <see cref="Bias"/>, or <see langword="null"/> when the layer is not affine.</summary>
        TParameter[]? BiasGrad { get; }

        /// <summary>Running mean, or <see langword="null"/> when the layer keeps no running statistics.</summary>
        TParameter[]? RunningMean { get; }

        /// <summary>Running (unbiased) variance, or <see langword="null"/> when the layer keeps no running statistics.</summary>
        TParameter[]? RunningVar { get; }

        /// <summary>Number of training batches seen by the running statistics (0 when none are kept; setting a layer
        /// without running statistics to anything else throws <see cref="InvalidOperationException"/>).</summary>
        long NumBatchesTracked { get; set; }

        /// <summary>Normalises <paramref name="input"/> into <paramref name="output"/>.</summary>
        /// <param name="input">The input, densely packed in <see cref="Layout"/> order.</param>
        /// <param name="output">Receives the output; same length as the input.</param>
        /// <param name="shape">Every extent of the input, in <see cref="Layout"/> order (fixed ones must match).</param>
        void Forward(ReadOnlySpan<TTensor> input, Span<TTensor> output, ReadOnlySpan<int> shape);

        /// <summary>Back-propagates through the last <c>Forward</c>: writes <paramref name="inputGrad"/> and adds to
        /// <see cref="WeightGrad"/> and <see cref="BiasGrad"/>.</summary>
        /// <param name="input">The input given to the last <c>Forward</c>.</param>
        /// <param name="outputGrad">Gradient of the loss with respect to the output.</param>
        /// <param name="inputGrad">Receives the gradient of the loss with respect to the input.</param>
        /// <param name="shape">Every extent of the input, in <see cref="Layout"/> order.</param>
        void Backward(ReadOnlySpan<TTensor> input, ReadOnlySpan<TTensor> outputGrad, Span<TTensor> inputGrad, ReadOnlySpan<int> shape);

        /// <summary>Sets <see cref="WeightGrad"/> and <see cref="BiasGrad"/> to zero.</summary>
        void ZeroGrad();

        /// <summary>γ = 1, β = 0, and the running statistics reset (as PyTorch's <c>reset_parameters</c>).</summary>
        void ResetParameters();

        /// <summary>Running mean 0, running variance 1, <see cref="NumBatchesTracked"/> 0.</summary>
        void ResetRunningStats();
    }

    /// <summary>
    /// A normalisation layer whose tensors and parameters share one element type, <see cref="float"/> or
    /// <see cref="double"/>: every float and double layer the generator writes. Its members are those of
    /// <see cref="INormalizationLayer{TTensor, TParameter}"/>.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface INormalizationLayer<T> : INormalizationLayer<T, T>
        where T : unmanaged
    {
    }
}
