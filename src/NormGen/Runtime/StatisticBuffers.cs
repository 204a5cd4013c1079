using System;
using System.ComponentModel;

namespace NormGen.Runtime
{
    /// <summary>
    /// The per-statistic arrays of one call: mean, 1/sqrt(var + eps) and two sums. A layer keeps one set for training,
    /// where <c>Backward</c> reads what the training <c>Forward</c> left; a call that keeps nothing (eval-mode
    /// <c>Forward</c>, a scaler's <c>Transform</c>, weight normalisation's <c>ComputeWeight</c>) rents the calling
    /// thread's set instead, so any number of threads may make such calls on one instance at once.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class StatisticBuffers<T>
        where T : unmanaged
    {
        // One set per thread and element type, shared by every layer: a rented set is in use for one call at a time.
        [ThreadStatic]
        private static StatisticBuffers<T>? t_threadBuffers;

        private bool _rented;

        /// <summary>Four arrays of <paramref name="capacity"/> elements.</summary>
        public StatisticBuffers(int capacity)
        {
            Mean = new T[capacity];
            InvStd = new T[capacity];
            Sum = new T[capacity];
            SumXhat = new T[capacity];
        }

        /// <summary>Mean of each statistic.</summary>
        public T[] Mean { get; private set; }

        /// <summary>1 / sqrt(var + eps) of each statistic.</summary>
        public T[] InvStd { get; private set; }

        /// <summary>A sum per statistic (of squared deviations in Forward, of gradients in Backward).</summary>
        public T[] Sum { get; private set; }

        /// <summary>A second sum per statistic.</summary>
        public T[] SumXhat { get; private set; }

        /// <summary>Grows the arrays (to exactly <paramref name="statistics"/>) when they hold fewer; never shrinks them.</summary>
        public void EnsureCapacity(int statistics)
        {
            if (Mean.Length < statistics)
            {
                Mean = new T[statistics];
                InvStd = new T[statistics];
                Sum = new T[statistics];
                SumXhat = new T[statistics];
            }
        }

        /// <summary>The calling thread's set, with room for <paramref name="statistics"/>, for one call; give it back
        /// with <see cref="Return"/>. Allocates only on a thread's first call and when a call needs more than any before
        /// it on that thread (or, never in practice, when the thread's set is already rented).</summary>
        public static StatisticBuffers<T> Rent(int statistics)
        {
            var buffers = t_threadBuffers;
            if (buffers is null || buffers._rented)
            {
                buffers = new StatisticBuffers<T>(statistics);
                t_threadBuffers ??= buffers;
            }
            else
            {
                buffers.EnsureCapacity(statistics);
            }

            buffers._rented = true;
            return buffers;
        }

        /// <summary>Ends the call that rented <paramref name="buffers"/>.</summary>
        public static void Return(StatisticBuffers<T> buffers) => buffers._rented = false;
    }
}
