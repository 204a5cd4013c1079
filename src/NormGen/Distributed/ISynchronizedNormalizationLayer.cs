using System;

namespace NormGen.Distributed
{
    /// <summary>
    /// A layer whose statistics reduce the batch axis (BatchNorm in every layout, batch-group norm) and can therefore be
    /// taken over a batch split across ranks, as PyTorch's <c>SyncBatchNorm</c>. Every such generated layer implements it;
    /// these members take the full shape of this rank's slice (layout order; the batch extent may be 0), and each has an
    /// overload with the extents as <c>int</c> parameters, as <c>Forward</c> does.
    /// </summary>
    /// <remarks>
    /// A training step is either <see cref="ForwardSynchronized"/> then <see cref="BackwardSynchronized"/> over an
    /// <see cref="ICollective"/>, or the same in halves for a collective of your own: <see cref="ComputeLocalMoments"/>,
    /// merge every rank's in rank order (<see cref="BatchMoments.MergeRanks"/>), <see cref="ForwardFromMoments"/>; then
    /// <see cref="ComputeLocalGradientSums"/>, add every rank's (<see cref="BatchMoments.SumRanks"/>),
    /// <see cref="BackwardFromGradientSums"/>. Parameter gradients are each rank's share: all-reduce them as any
    /// data-parallel parameter gradient.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    public interface ISynchronizedNormalizationLayer<T> : INormalizationLayer<T>
        where T : unmanaged
    {
        /// <summary>Statistics exchanged: one per channel, or per group of channels.</summary>
        int SynchronizedStatisticCount { get; }

        /// <summary>Training Forward with statistics merged over every rank of <paramref name="collective"/>; in eval mode, the
        /// plain Forward.</summary>
        void ForwardSynchronized(ReadOnlySpan<T> input, Span<T> output, ICollective collective, ReadOnlySpan<int> shape);

        /// <summary>Backward through the last <see cref="ForwardSynchronized"/>, with gradient sums added over every rank.</summary>
        void BackwardSynchronized(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGrad, Span<T> inputGrad, ICollective collective, ReadOnlySpan<int> shape);

        /// <summary>The moments of this rank's slice: count, mean and M2 per statistic.</summary>
        void ComputeLocalMoments(ReadOnlySpan<T> input, Span<double> moments, ReadOnlySpan<int> shape);

        /// <summary>Training Forward with the merged moments of every rank.</summary>
        void ForwardFromMoments(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<double> moments, ReadOnlySpan<int> shape);

        /// <summary>This rank's gradient sums (Σ γ·dy, Σ γ·dy·x̂ per statistic); adds the slice's parameter gradients.</summary>
        void ComputeLocalGradientSums(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGrad, Span<double> sums, ReadOnlySpan<int> shape);

        /// <summary>The input gradient from the gradient sums of every rank added together.</summary>
        void BackwardFromGradientSums(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGrad, Span<T> inputGrad, ReadOnlySpan<double> sums, ReadOnlySpan<int> shape);
    }
}
