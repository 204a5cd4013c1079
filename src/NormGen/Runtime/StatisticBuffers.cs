using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// The per-statistic arrays of one call: mean, 1/sqrt(var + eps), two sums, and the pivots and merged counts of
    /// statistics taken in parts. A layer keeps one set for training,
    /// where <c>Backward</c> reads what the training <c>Forward</c> left; a call that keeps nothing (eval-mode
    /// <c>Forward</c>, a scaler's <c>Transform</c>, weight normalisation's <c>ComputeWeight</c>) rents the calling
    /// thread's set instead, so any number of threads may make such calls on one instance at once.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class StatisticBuffers<T>
        where T : unmanaged
    {
        /// <summary>Six arrays of <paramref name="capacity"/> elements.</summary>
        public StatisticBuffers(int capacity)
        {
            Mean = new T[capacity];
            InvStd = new T[capacity];
            Sum = new T[capacity];
            SumXhat = new T[capacity];
            Pivots = new T[capacity];
            MergedCounts = new T[capacity];
        }

        /// <summary>Mean of each statistic.</summary>
        public T[] Mean { get; private set; }

        /// <summary>1 / sqrt(var + eps) of each statistic.</summary>
        public T[] InvStd { get; private set; }

        /// <summary>A sum per statistic (of squared deviations in Forward, of gradients in Backward).</summary>
        public T[] Sum { get; private set; }

        /// <summary>A second sum per statistic.</summary>
        public T[] SumXhat { get; private set; }

        /// <summary>Each statistic's first value, which the sums of its parts are taken relative to.</summary>
        public T[] Pivots { get; private set; }

        /// <summary>The values of each statistic merged so far, while its parts are merged in order.</summary>
        public T[] MergedCounts { get; private set; }

        /// <summary>Grows the arrays (to exactly <paramref name="statistics"/>) when they hold fewer; never shrinks them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void EnsureCapacity(int statistics)
        {
            if (Mean.Length < statistics)
            {
                Grow(statistics);
            }
        }

        // Apart from EnsureCapacity, so that the check every call makes is inlined into it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Grow(int statistics)
        {
            Mean = new T[statistics];
            InvStd = new T[statistics];
            Sum = new T[statistics];
            SumXhat = new T[statistics];
            Pivots = new T[statistics];
            MergedCounts = new T[statistics];
        }

        /// <summary>The calling thread's set, with room for <paramref name="statistics"/>, for a call that keeps
        /// nothing. It serves that call until the thread asks again, and no generated call asks twice: kernels call no
        /// user code and rent nothing, and a call shared among threads hands its own set to the others. Allocates only on
        /// a thread's first call and when a call needs more than any before it on that thread.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static StatisticBuffers<T> OfThread(int statistics)
        {
            var buffers = ThreadBuffers.Get<T>();
            return buffers is not null && buffers.Mean.Length >= statistics ? buffers : OfThreadGrown(statistics);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static StatisticBuffers<T> OfThreadGrown(int statistics)
        {
            var buffers = ThreadBuffers.Get<T>();
            if (buffers is null)
            {
                buffers = new StatisticBuffers<T>(statistics);
                ThreadBuffers.Set(buffers);
            }
            else
            {
                buffers.EnsureCapacity(statistics);
            }

            return buffers;
        }
    }

    /// <summary>The calling thread's sets, one per element type, shared by every layer; each serves one call at a
    /// time. Thread statics of a non-generic class, which the JIT reads inline: those of a generic class cost
    /// a lookup on every call, a large share of a small call (see docs/benchmarks.md).</summary>
    internal static class ThreadBuffers
    {
        [ThreadStatic]
        private static StatisticBuffers<float>? t_float;

        [ThreadStatic]
        private static StatisticBuffers<double>? t_double;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static StatisticBuffers<T>? Get<T>()
            where T : unmanaged =>
            typeof(T) == typeof(float) ? Unsafe.As<StatisticBuffers<T>>(t_float)
            : typeof(T) == typeof(double) ? Unsafe.As<StatisticBuffers<T>>(t_double)
            : null;

        public static void Set<T>(StatisticBuffers<T> buffers)
            where T : unmanaged
        {
            if (typeof(T) == typeof(float))
            {
                t_float = Unsafe.As<StatisticBuffers<float>>(buffers);
            }
            else if (typeof(T) == typeof(double))
            {
                t_double = Unsafe.As<StatisticBuffers<double>>(buffers);
            }
        }
    }
}
