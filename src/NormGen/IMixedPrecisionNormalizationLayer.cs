using System;

namespace NormGen
{
    /// <summary>
    /// What every generated layer whose tensors are narrower than its arithmetic offers: a <c>[Normalize&lt;Half&gt;]</c>
    /// layer implements it as <c>INormalizationLayer&lt;Half, float&gt;</c>. The members mean what those of
    /// <see cref="INormalizationLayer{T}"/> mean; only their types differ.
    /// </summary>
    /// <typeparam name="TTensor">The type of the input, the output and their gradients (<see cref="Half"/>).</typeparam>
    /// <typeparam name="TParameter">The type of the parameters, their gradients and the running statistics, and the
    /// type the layer computes in (<see cref="float"/>).</typeparam>
    public interface INormalizationLayer<TTensor, TParameter>
        where TTensor : unmanaged
        where TParameter : unmanaged
    {
        /// <inheritdoc cref="INormalizationLayer{T}.Layout"/>
        string Layout { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.Axes"/>
        string Axes { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.Channels"/>
        int Channels { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.ParameterShape"/>
        ReadOnlySpan<int> ParameterShape { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.Epsilon"/>
        double Epsilon { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.Training"/>
        bool Training { get; set; }

        /// <inheritdoc cref="INormalizationLayer{T}.Weight"/>
        TParameter[]? Weight { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.Bias"/>
        TParameter[]? Bias { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.WeightGrad"/>
        TParameter[]? WeightGrad { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.BiasGrad"/>
        TParameter[]? BiasGrad { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.RunningMean"/>
        TParameter[]? RunningMean { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.RunningVar"/>
        TParameter[]? RunningVar { get; }

        /// <inheritdoc cref="INormalizationLayer{T}.NumBatchesTracked"/>
        long NumBatchesTracked { get; set; }

        /// <inheritdoc cref="INormalizationLayer{T}.Forward"/>
        void Forward(ReadOnlySpan<TTensor> input, Span<TTensor> output, ReadOnlySpan<int> shape);

        /// <inheritdoc cref="INormalizationLayer{T}.Backward"/>
        void Backward(ReadOnlySpan<TTensor> input, ReadOnlySpan<TTensor> outputGrad, Span<TTensor> inputGrad, ReadOnlySpan<int> shape);

        /// <inheritdoc cref="INormalizationLayer{T}.ZeroGrad"/>
        void ZeroGrad();

        /// <inheritdoc cref="INormalizationLayer{T}.ResetParameters"/>
        void ResetParameters();

        /// <inheritdoc cref="INormalizationLayer{T}.ResetRunningStats"/>
        void ResetRunningStats();
    }
}
