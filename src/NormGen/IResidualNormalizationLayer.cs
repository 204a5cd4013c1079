using System;

namespace NormGen
{
    /// <summary>
    /// A layer declared with <c>Residual = NormResidual.BeforeActivation</c>: <c>y = act(norm(x) + r)</c>. The plain
    /// <see cref="INormalizationLayer{T}"/> calls take r = 0; these take the residual, with the full shape in layout order.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface IResidualNormalizationLayer<T> : INormalizationLayer<T>
        where T : unmanaged
    {
        /// <summary>y = act(norm(x) + r). <paramref name="output"/> may be <paramref name="residual"/> itself.</summary>
        void Forward(ReadOnlySpan<T> input, ReadOnlySpan<T> residual, Span<T> output, ReadOnlySpan<int> shape);

        /// <summary>Writes the input's gradient and the residual's, dr = dy * act'(norm(x) + r) (dy itself without an
        /// activation), and adds to the parameter gradients. <paramref name="residualGrad"/> may be
        /// <paramref name="outputGrad"/> itself.</summary>
        void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> residual, ReadOnlySpan<T> outputGrad, Span<T> inputGrad, Span<T> residualGrad, ReadOnlySpan<int> shape);
    }

    /// <summary>
    /// A layer declared with <c>Residual = NormResidual.BeforeNorm</c>: <c>s = x + r</c>, <c>y = act(norm(s))</c>, s
    /// written for the next block. The plain <see cref="INormalizationLayer{T}"/> calls are those on s; these add.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface ISkipNormalizationLayer<T> : INormalizationLayer<T>
        where T : unmanaged
    {
        /// <summary>s = x + r into <paramref name="sum"/>, y = act(norm(s)) into <paramref name="output"/>.</summary>
        void Forward(ReadOnlySpan<T> input, ReadOnlySpan<T> residual, Span<T> sum, Span<T> output, ReadOnlySpan<int> shape);

        /// <summary>inputGrad = ds = norm'(s) * dy + <paramref name="sumGrad"/>, the gradient of x and of r alike.</summary>
        void Backward(ReadOnlySpan<T> sum, ReadOnlySpan<T> outputGrad, ReadOnlySpan<T> sumGrad, Span<T> inputGrad, ReadOnlySpan<int> shape);
    }
}
