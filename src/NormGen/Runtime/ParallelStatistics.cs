using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace NormGen.Runtime
{
    /// <summary>A kernel over statistics [<paramref name="start"/>, <paramref name="end"/>) of the outermost statistic
    /// loop, given references to the first elements of the call's tensors.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">The first element of the tensor read (x, or s before the norm).</param>
    /// <param name="secondInput">The first element of the second tensor read: the output gradient, or the residual
    /// (a null reference when the kernel reads one tensor).</param>
    /// <param name="output">The first element of the tensor written: the output, or the input gradient (a null
    /// reference when the kernel writes only its statistics or sums).</param>
    /// <param name="start">The first statistic of the range.</param>
    /// <param name="end">One past the last statistic of the range.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public delegate void StatisticRangeKernel<T>(ref T input, ref T secondInput, ref T output, int start, int end);

    /// <summary>A kernel over slice <paramref name="slice"/> of <paramref name="slices"/> equal parts of the rows of
    /// every block of a tensor, given references to the first elements of the call's tensors.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">The first element of the tensor read.</param>
    /// <param name="secondInput">The first element of the second tensor read (the output gradient, or the residual),
    /// or a null reference.</param>
    /// <param name="output">The first element of the tensor written (the output, or the input gradient).</param>
    /// <param name="slice">The slice this call computes.</param>
    /// <param name="slices">How many slices the rows are split into.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public delegate void RowSliceKernel<T>(ref T input, ref T secondInput, ref T output, int slice, int slices);

    /// <summary>
    /// Runs a generated kernel on several threads, each over its own range of statistics. The tensors are pinned for
    /// the duration of the call, so kernels on other threads can address them. A statistic is computed by one thread
    /// from its own values exactly as a single-threaded call computes it, so results do not depend on the number of
    /// threads.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ParallelStatistics
    {
        /// <summary>Elements below which a call stays on the calling thread: handing work to other threads costs
        /// more than normalising a few hundred kilobytes.</summary>
        public const int MinimumElements = 1 << 17;

        /// <summary>Splits <paramref name="statistics"/> into up to <paramref name="threads"/> contiguous ranges and
        /// runs <paramref name="kernel"/> on each, in parallel; returns when all are done.</summary>
        public static unsafe void Run<T>(int threads, int statistics, ReadOnlySpan<T> input, ReadOnlySpan<T> secondInput, Span<T> output, StatisticRangeKernel<T> kernel)
            where T : unmanaged
        {
            int parts = Math.Min(threads, statistics);
            fixed (T* inputPointer = input)
            fixed (T* secondInputPointer = secondInput)
            fixed (T* outputPointer = output)
            {
                nint inputAddress = (nint)inputPointer, secondInputAddress = (nint)secondInputPointer, outputAddress = (nint)outputPointer;
                Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
                {
                    int start = (int)((long)statistics * part / parts);
                    int end = (int)((long)statistics * (part + 1) / parts);
                    kernel(ref Unsafe.AsRef<T>((void*)inputAddress), ref Unsafe.AsRef<T>((void*)secondInputAddress), ref Unsafe.AsRef<T>((void*)outputAddress), start, end);
                });
            }
        }

        /// <summary>Runs <paramref name="kernel"/> on <paramref name="slices"/> slices in parallel, one thread each, and
        /// returns when all are done. For element-wise passes: an element is computed the same way whichever slice
        /// holds it.</summary>
        public static void RunSlices<T>(int slices, ReadOnlySpan<T> input, ReadOnlySpan<T> secondInput, Span<T> output, RowSliceKernel<T> kernel)
            where T : unmanaged =>
            Run(slices, slices, input, secondInput, output, (ref T inputStart, ref T secondInputStart, ref T outputStart, int start, int end) => kernel(ref inputStart, ref secondInputStart, ref outputStart, start, slices));

        /// <summary>Throws when a layer is asked to use fewer than one thread.</summary>
        public static int CheckThreads(int value) =>
            value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDegreeOfParallelism must be at least 1 (1 = the calling thread only).");
    }
}
