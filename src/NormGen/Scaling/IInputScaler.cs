using System;

namespace NormGen
{
    /// <summary>
    /// What every generated input scaler offers, whatever its layout: fitting over batches, the transform both ways
    /// and a reset, each taking the full shape. The generated class also has overloads that take only the extents
    /// not fixed in the attribute; those are the fast path to call directly.
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface IInputScaler<T>
        where T : unmanaged
    {
        /// <summary>The declared memory layout, outermost axis first, for example <c>"NC"</c>.</summary>
        string Layout { get; }

        /// <summary>The reduced axes as declared, for example <c>"N"</c>.</summary>
        string Axes { get; }

        /// <summary>Number of values every statistic has been fitted on (0: not fitted).</summary>
        long Count { get; set; }

        /// <summary>Adds a batch to the fitted statistics (scikit-learn <c>partial_fit</c>).</summary>
        /// <param name="input">The batch, densely packed in <see cref="Layout"/> order.</param>
        /// <param name="shape">Every extent of the input, in <see cref="Layout"/> order (fixed ones must match).</param>
        void Fit(ReadOnlySpan<T> input, ReadOnlySpan<int> shape);

        /// <summary>Scales <paramref name="input"/> into <paramref name="output"/> (which may be the same memory).</summary>
        void Transform(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<int> shape);

        /// <summary>Undoes <see cref="Transform"/>: maps scaled values back to the original units.</summary>
        void InverseTransform(ReadOnlySpan<T> input, Span<T> output, ReadOnlySpan<int> shape);

        /// <summary>Forgets every fitted statistic, as a new scaler.</summary>
        void Reset();
    }
}
