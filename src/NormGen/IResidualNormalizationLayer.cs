using System;

namespace NormGen
{
    /// <summary>
    /// A layer declared with <c>Residual = NormResidual.BeforeActivation</c>: <c>y = act(norm(x) + r)</c>. The plain
    /// <see cref="INormalizationLayer{TTensor, TParameter}"/> calls take r = 0; these take the residual, with the full shape
    /// in layout order. A float or double layer implements it through <see cref="IResidualNormalizationLayer{T}"/>; a
    /// <c>[Normalize&lt;Half&gt;]</c> layer as <c>IResidualNormalizationLayer&lt;Half, float&gt;</c>, whose residual and
    /// its gradient are Half tensors like the input.
    /// </summary>
    /// <typeparam name="TTensor">The type of the input, the residual, the output and their gradients.</typeparam>
    /// <typeparam name="TParameter">The type of the parameters and the type the layer computes in.</typeparam>
    public interface IResidualNormalizationLayer<TTensor, TParameter> : INormalizationLayer<TTensor, TParameter>
        where TTensor : unmanaged
        where TParameter : unmanaged
    {
        /// <summary>y = act(norm(x) + r). <paramref name="output"/> may be <paramref name="residual"/> itself.</summary>
        void Forward(ReadOnlySpan<TTensor> input, ReadOnlySpan<TTensor> residual, Span<TTensor> output, ReadOnlySpan<int> shape);

        /// <summary>Writes the input's gradient and the residual's, dr = dy * act'(norm(x) + r) (dy itself without an
        /// activation), and adds to the parameter gradients. <paramref name="residualGrad"/> may be
        /// <paramref name="outputGrad"/> itself.</summary>
        void Backward(ReadOnlySpan<TTensor> input, ReadOnlySpan<TTensor> residual, ReadOnlySpan<TTensor> outputGrad, Span<TTensor> inputGrad, Span<TTensor> residualGrad, ReadOnlySpan<int> shape);
    }

    /// <summary>
    /// A residual layer whose tensors and parameters share one element type, <see cref="float"/> or <see cref="double"/>.
    /// Its members are those of <see cref="IResidualNormalizationLayer{TTensor, TParameter}"/>.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface IResidualNormalizationLayer<T> : IResidualNormalizationLayer<T, T>, INormalizationLayer<T>
        where T : unmanaged
    {
    }

    /// <summary>
    /// A layer declared with <c>Residual = NormResidual.BeforeNorm</c>: <c>s = x + r</c>, <c>y = act(norm(s))</c>, s
    /// written for the next block. The plain <see cref="INormalizationLayer{TTensor, TParameter}"/> calls are those on s;
    /// these add. A float or double layer implements it through <see cref="ISkipNormalizationLayer{T}"/>; a
    /// <c>[Normalize&lt;Half&gt;]</c> layer as <c>ISkipNormalizationLayer&lt;Half, float&gt;</c>, whose residual, sum and
    /// their gradients are Half tensors like the input (s rounded to Half, and normalised as rounded).
    /// </summary>
    /// <typeparam name="TTensor">The type of the input, the residual, the sum, the output and their gradients.</typeparam>
    /// <typeparam name="TParameter">The type of the parameters and the type the layer computes in.</typeparam>
    public interface ISkipNormalizationLayer<TTensor, TParameter> : INormalizationLayer<TTensor, TParameter>
        where TTensor : unmanaged
        where TParameter : unmanaged
    {
        /// <summary>s = x + r into <paramref name="sum"/>, y = act(norm(s)) into <paramref name="output"/>.</summary>
        void Forward(ReadOnlySpan<TTensor> input, ReadOnlySpan<TTensor> residual, Span<TTensor> sum, Span<TTensor> output, ReadOnlySpan<int> shape);

        /// <summary>inputGrad = ds = norm'(s) * dy + <paramref name="sumGrad"/>, the gradient of x and of r alike.</summary>
        void Backward(ReadOnlySpan<TTensor> sum, ReadOnlySpan<TTensor> outputGrad, ReadOnlySpan<TTensor> sumGrad, Span<TTensor> inputGrad, ReadOnlySpan<int> shape);
    }

    /// <summary>
    /// A skip layer whose tensors and parameters share one element type, <see cref="float"/> or <see cref="double"/>.
    /// Its members are those of <see cref="ISkipNormalizationLayer{TTensor, TParameter}"/>.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface ISkipNormalizationLayer<T> : ISkipNormalizationLayer<T, T>, INormalizationLayer<T>
        where T : unmanaged
    {
    }
}
