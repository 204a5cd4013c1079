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
        /// <summary>Statistics exchanged: one per channel, or per group of channels. Moments are 3 doubles per statistic
        /// (count, mean, M2), gradient sums 2 (Σ γ·dy, Σ γ·dy·x̂).</summary>
        int SynchronizedStatisticCount { get; }

        /// <summary>Forward over a batch split across the ranks of <paramref name="collective"/>: in training, the statistics are
        /// those of every rank's slice together (PyTorch's SyncBatchNorm), merged in rank order, so every rank normalises with
        /// bitwise the same statistics and updates the running statistics identically. Every rank must call it, a rank
        /// without samples with a batch of 0. In eval mode it is the plain <c>Forward</c> and exchanges nothing.</summary>
        /// <param name="input">This rank's slice, densely packed in the layer's layout.</param>
        /// <param name="output">Receives the output; as long as the input.</param>
        /// <param name="collective">The ranks sharing the batch.</param>
        /// <param name="shape">The extents of this rank's slice in layout order (the batch extent may be 0).</param>
        void ForwardSynchronized(ReadOnlySpan<T> input, Span<T> output, ICollective collective, ReadOnlySpan<int> shape);

        /// <summary>Backward through the last <see cref="ForwardSynchronized"/>: in training, the gradient sums of every rank's
        /// slice are added in rank order and each rank's input gradient is taken with them and the merged count; this slice's
        /// share of the parameter gradients is added to <c>WeightGrad</c> and <c>BiasGrad</c> (all-reduce them across ranks as
        /// any data-parallel parameter gradient). After an eval-mode ForwardSynchronized it is the plain <c>Backward</c>.</summary>
        /// <param name="input">This rank's slice, as given to the Forward.</param>
        /// <param name="outputGrad">Gradient of the loss with respect to this rank's output.</param>
        /// <param name="inputGrad">Receives the gradient of the loss with respect to this rank's input.</param>
        /// <param name="collective">The ranks sharing the batch.</param>
        /// <param name="shape">The extents of this rank's slice in layout order (the batch extent may be 0).</param>
        void BackwardSynchronized(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGrad, Span<T> inputGrad, ICollective collective, ReadOnlySpan<int> shape);

        /// <summary>First half of a synchronised training Forward: the moments of this rank's slice (count, mean, M2 for each
        /// of <see cref="SynchronizedStatisticCount"/> statistics, in double) into <paramref name="moments"/>. Merge every
        /// rank's moments (<see cref="BatchMoments.MergeRanks"/>, in rank order) and pass them to
        /// <see cref="ForwardFromMoments"/>.</summary>
        /// <param name="input">This rank's slice, densely packed in the layer's layout.</param>
        /// <param name="moments">Receives 3 × <see cref="SynchronizedStatisticCount"/> values.</param>
        /// <param name="shape">The extents of this rank's slice in layout order (the batch extent may be 0).</param>
        void ComputeLocalMoments(ReadOnlySpan<T> input, Span<double> moments, ReadOnlySpan<int> shape);

        /// <summary>Second half of a synchronised training Forward: normalises this rank's slice with the statistics of the
        /// merged <paramref name="moments"/> (every rank's, merged in rank order) and updates the running statistics from them
        /// once, as PyTorch's SyncBatchNorm. <see cref="ComputeLocalGradientSums"/> and <see cref="BackwardFromGradientSums"/>
        /// may follow.</summary>
        /// <param name="input">This rank's slice.</param>
        /// <param name="output">Receives the output; as long as the input.</param>
        /// <param name="moments">The merged moments, 3 × <see cref="SynchronizedStatisticCount"/> values.</param>
        /// <param name="shape">The extents of this rank's slice in layout order (the batch extent may be 0).</param>
        void ForwardFromMoments(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<double> moments, ReadOnlySpan<int> shape);

        /// <summary>First half of a synchronised Backward, after a synchronised training Forward of the same shape: this rank's
        /// gradient sums (Σ γ·dy and Σ γ·dy·x̂ for each statistic, in double) into <paramref name="sums"/>, and this slice's
        /// share of the parameter gradients added to <c>WeightGrad</c> and <c>BiasGrad</c> (all-reduce them across ranks as any
        /// data-parallel parameter gradient). Sum every rank's (<see cref="BatchMoments.SumRanks"/>) and pass them to
        /// <see cref="BackwardFromGradientSums"/>.</summary>
        /// <param name="input">This rank's slice, as given to the Forward.</param>
        /// <param name="outputGrad">Gradient of the loss with respect to this rank's output.</param>
        /// <param name="sums">Receives 2 × <see cref="SynchronizedStatisticCount"/> values.</param>
        /// <param name="shape">The extents of this rank's slice in layout order (the batch extent may be 0).</param>
        void ComputeLocalGradientSums(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGrad, Span<double> sums, ReadOnlySpan<int> shape);

        /// <summary>Second half of a synchronised Backward: writes <paramref name="inputGrad"/> from the gradient sums of every
        /// rank added together, with the merged count: dx = invStd · (γ·dy − Σ γ·dy / n − x̂ · Σ γ·dy·x̂ / n).</summary>
        /// <param name="input">This rank's slice, as given to the Forward.</param>
        /// <param name="outputGrad">Gradient of the loss with respect to this rank's output.</param>
        /// <param name="inputGrad">Receives the gradient of the loss with respect to this rank's input.</param>
        /// <param name="sums">Every rank's gradient sums added together, 2 × <see cref="SynchronizedStatisticCount"/> values.</param>
        /// <param name="shape">The extents of this rank's slice in layout order (the batch extent may be 0).</param>
        void BackwardFromGradientSums(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGrad, Span<T> inputGrad, ReadOnlySpan<double> sums, ReadOnlySpan<int> shape);
    }
}
