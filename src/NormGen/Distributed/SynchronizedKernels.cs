using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NormGen.Distributed
{
    /// <summary>
    /// The kernels of synchronised BatchNorm, for a tensor viewed as <c>outer</c> × <c>channels</c> × <c>inner</c>
    /// (the axes before C, C, the axes after C: every BatchNorm layout is one). Per-channel coefficients; the caller maps
    /// statistics to channels.
    /// </summary>
    /// <remarks>
    /// Two shapes of loop, as the layers' own kernels: runs of <c>inner</c> values long enough for vectors (channels-first
    /// with a feature map) are taken one run at a time; otherwise (channels-last, where <c>inner</c> is 1, or tiny feature
    /// maps) each row of <c>channels</c> × <c>inner</c> values is taken as one stretch, with vectors across the channels
    /// and per-position totals folded into channels afterwards. Values are summed in the element type in chunks that stay
    /// in the L1 cache, relative to a pivot from the same chunk (its first value) and then around the chunk's mean in a
    /// second pass from cache, as the layers do; chunks are merged in double with Chan's formula.
    /// </remarks>
    internal static class SynchronizedKernels
    {
        /// <summary>Values a chunk holds: 32 KB of floats.</summary>
        private const int ChunkValues = 8192;

        private static bool UsesRuns<T>(int inner) => inner >= 2 * Vector<T>.Count;

        private static int RowsPerChunk(int width) => Math.Max(1, ChunkValues / width);

        /// <summary>Count, mean and M2 of every channel, in double.</summary>
        public static void ChannelMoments<T>(ReadOnlySpan<T> x, int outer, int channels, int inner, Span<double> count, Span<double> mean, Span<double> m2)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            count.Slice(0, channels).Clear();
            mean.Slice(0, channels).Clear();
            m2.Slice(0, channels).Clear();
            ref T origin = ref MemoryMarshal.GetReference(x);
            if (UsesRuns<T>(inner))
            {
                for (int o = 0; o < outer; o++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        ref T run = ref Unsafe.Add(ref origin, (o * channels + c) * inner);
                        for (int start = 0; start < inner; start += ChunkValues)
                        {
                            int n = Math.Min(ChunkValues, inner - start);
                            ref T chunk = ref Unsafe.Add(ref run, start);
                            T pivot = chunk;
                            T shifted = SumShifted(ref chunk, n, pivot);
                            T shift = shifted / T.CreateTruncating(n);
                            T squares = SumSquaredDeviations(ref chunk, n, pivot, shift);
                            BatchMoments.MergeOne(ref count[c], ref mean[c], ref m2[c], n, double.CreateTruncating(pivot) + double.CreateTruncating(shifted) / n, double.CreateTruncating(squares));
                        }
                    }
                }

                return;
            }

            int width = channels * inner;
            int rowsPerChunk = RowsPerChunk(width);
            T[] buffer = ArrayPool<T>.Shared.Rent(3 * width);
            var pivots = buffer.AsSpan(0, width);
            var totals = buffer.AsSpan(width, width);
            var squaresPerPosition = buffer.AsSpan(2 * width, width);
            for (int first = 0; first < outer; first += rowsPerChunk)
            {
                int rows = Math.Min(rowsPerChunk, outer - first);
                var chunk = x.Slice(first * width, rows * width);
                chunk.Slice(0, width).CopyTo(pivots);
                totals.Clear();
                for (int r = 0; r < rows; r++)
                {
                    AddShifted(chunk.Slice(r * width, width), pivots, totals);
                }

                T inverseRows = T.One / T.CreateTruncating(rows);
                for (int p = 0; p < width; p++)
                {
                    totals[p] *= inverseRows;
                }

                squaresPerPosition.Clear();
                for (int r = 0; r < rows; r++)
                {
                    AddSquaredDeviations(chunk.Slice(r * width, width), pivots, totals, squaresPerPosition);
                }

                for (int p = 0; p < width; p++)
                {
                    int c = p / inner;
                    BatchMoments.MergeOne(ref count[c], ref mean[c], ref m2[c], rows, double.CreateTruncating(pivots[p]) + double.CreateTruncating(totals[p]), double.CreateTruncating(squaresPerPosition[p]));
                }
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>y = (x - mean) * scale + shift, with per-channel mean, scale (invStd·γ) and shift (β).</summary>
        public static void Normalize<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int channels, int inner, ReadOnlySpan<T> mean, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (UsesRuns<T>(inner))
            {
                for (int o = 0; o < outer; o++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        int offset = (o * channels + c) * inner;
                        NormalizeRun(x.Slice(offset, inner), y.Slice(offset, inner), mean[c], scale[c], shift[c]);
                    }
                }

                return;
            }

            int width = channels * inner;
            T[] buffer = ArrayPool<T>.Shared.Rent(3 * width);
            var m = Spread(mean, channels, inner, buffer.AsSpan(0, width));
            var s = Spread(scale, channels, inner, buffer.AsSpan(width, width));
            var b = Spread(shift, channels, inner, buffer.AsSpan(2 * width, width));
            for (int o = 0; o < outer; o++)
            {
                NormalizeRow(x.Slice(o * width, width), y.Slice(o * width, width), m, s, b);
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>Per channel: Σ dy and Σ dy·x̂ with x̂ = (x - mean) * invStd, in double.</summary>
        public static void GradientSums<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, int outer, int channels, int inner, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, Span<double> sumDy, Span<double> sumDyXhat)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            sumDy.Slice(0, channels).Clear();
            sumDyXhat.Slice(0, channels).Clear();
            if (UsesRuns<T>(inner))
            {
                for (int o = 0; o < outer; o++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        int offset = (o * channels + c) * inner;
                        var (dySum, dyXhatSum) = GradientRun(x.Slice(offset, inner), dy.Slice(offset, inner), mean[c], invStd[c]);
                        sumDy[c] += double.CreateTruncating(dySum);
                        sumDyXhat[c] += double.CreateTruncating(dyXhatSum);
                    }
                }

                return;
            }

            int width = channels * inner;
            int rowsPerChunk = RowsPerChunk(width);
            T[] buffer = ArrayPool<T>.Shared.Rent(4 * width);
            var m = Spread(mean, channels, inner, buffer.AsSpan(0, width));
            var inv = Spread(invStd, channels, inner, buffer.AsSpan(width, width));
            var dyTotals = buffer.AsSpan(2 * width, width);
            var dyXhatTotals = buffer.AsSpan(3 * width, width);
            for (int first = 0; first < outer; first += rowsPerChunk)
            {
                int rows = Math.Min(rowsPerChunk, outer - first);
                dyTotals.Clear();
                dyXhatTotals.Clear();
                for (int r = first; r < first + rows; r++)
                {
                    GradientRow(x.Slice(r * width, width), dy.Slice(r * width, width), m, inv, dyTotals, dyXhatTotals);
                }

                for (int p = 0; p < width; p++)
                {
                    sumDy[p / inner] += double.CreateTruncating(dyTotals[p]);
                    sumDyXhat[p / inner] += double.CreateTruncating(dyXhatTotals[p]);
                }
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>dx = invStd * (γ·dy - k1 - x̂·k2), x̂ = (x - mean) * invStd, with per-channel mean, invStd, γ,
        /// k1 = mean of γ·dy and k2 = mean of γ·dy·x̂ over the statistic's values on every rank.</summary>
        public static void InputGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int outer, int channels, int inner, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> gamma, ReadOnlySpan<T> k1, ReadOnlySpan<T> k2)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (UsesRuns<T>(inner))
            {
                for (int o = 0; o < outer; o++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        int offset = (o * channels + c) * inner;
                        InputGradientRun(x.Slice(offset, inner), dy.Slice(offset, inner), dx.Slice(offset, inner), mean[c], invStd[c], gamma[c], k1[c], k2[c]);
                    }
                }

                return;
            }

            int width = channels * inner;
            T[] buffer = ArrayPool<T>.Shared.Rent(5 * width);
            var m = Spread(mean, channels, inner, buffer.AsSpan(0, width));
            var inv = Spread(invStd, channels, inner, buffer.AsSpan(width, width));
            var g = Spread(gamma, channels, inner, buffer.AsSpan(2 * width, width));
            var a = Spread(k1, channels, inner, buffer.AsSpan(3 * width, width));
            var b = Spread(k2, channels, inner, buffer.AsSpan(4 * width, width));
            for (int o = 0; o < outer; o++)
            {
                InputGradientRow(x.Slice(o * width, width), dy.Slice(o * width, width), dx.Slice(o * width, width), m, inv, g, a, b);
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        private static Span<T> Spread<T>(ReadOnlySpan<T> perChannel, int channels, int inner, Span<T> perPosition)
        {
            for (int c = 0; c < channels; c++)
            {
                perPosition.Slice(c * inner, inner).Fill(perChannel[c]);
            }

            return perPosition;
        }

        // Σ (x - pivot), four vectors at a time into independent registers.
        private static T SumShifted<T>(ref T x, int n, T pivot)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var p = new Vector<T>(pivot);
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero, a2 = Vector<T>.Zero, a3 = Vector<T>.Zero;
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= n - 4 * lanes; i += 4 * lanes)
            {
                a0 += Vector.LoadUnsafe(ref x, (nuint)i) - p;
                a1 += Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - p;
                a2 += Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)) - p;
                a3 += Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)) - p;
            }

            for (; i <= n - lanes; i += lanes)
            {
                a0 += Vector.LoadUnsafe(ref x, (nuint)i) - p;
            }

            T total = Vector.Sum((a0 + a1) + (a2 + a3));
            for (; i < n; i++)
            {
                total += Unsafe.Add(ref x, i) - pivot;
            }

            return total;
        }

        // Σ ((x - pivot) - shift)^2: the squared deviations from the chunk's mean, pivot + shift.
        private static T SumSquaredDeviations<T>(ref T x, int n, T pivot, T shift)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var p = new Vector<T>(pivot);
            var s = new Vector<T>(shift);
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero, a2 = Vector<T>.Zero, a3 = Vector<T>.Zero;
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= n - 4 * lanes; i += 4 * lanes)
            {
                var d0 = (Vector.LoadUnsafe(ref x, (nuint)i) - p) - s;
                var d1 = (Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - p) - s;
                var d2 = (Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)) - p) - s;
                var d3 = (Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)) - p) - s;
                a0 += d0 * d0;
                a1 += d1 * d1;
                a2 += d2 * d2;
                a3 += d3 * d3;
            }

            for (; i <= n - lanes; i += lanes)
            {
                var d = (Vector.LoadUnsafe(ref x, (nuint)i) - p) - s;
                a0 += d * d;
            }

            T total = Vector.Sum((a0 + a1) + (a2 + a3));
            for (; i < n; i++)
            {
                T d = (Unsafe.Add(ref x, i) - pivot) - shift;
                total += d * d;
            }

            return total;
        }

        private static void AddShifted<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> pivots, Span<T> totals)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(row);
            ref T p = ref MemoryMarshal.GetReference(pivots);
            ref T t = ref MemoryMarshal.GetReference(totals);
            int i = 0;
            for (; i <= row.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var sum = Vector.LoadUnsafe(ref t, (nuint)i) + (Vector.LoadUnsafe(ref x, (nuint)i) - Vector.LoadUnsafe(ref p, (nuint)i));
                sum.StoreUnsafe(ref t, (nuint)i);
            }

            for (; i < row.Length; i++)
            {
                Unsafe.Add(ref t, i) += Unsafe.Add(ref x, i) - Unsafe.Add(ref p, i);
            }
        }

        private static void AddSquaredDeviations<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> pivots, ReadOnlySpan<T> shifts, Span<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(row);
            ref T p = ref MemoryMarshal.GetReference(pivots);
            ref T s = ref MemoryMarshal.GetReference(shifts);
            ref T q = ref MemoryMarshal.GetReference(squares);
            int i = 0;
            for (; i <= row.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var d = (Vector.LoadUnsafe(ref x, (nuint)i) - Vector.LoadUnsafe(ref p, (nuint)i)) - Vector.LoadUnsafe(ref s, (nuint)i);
                (Vector.LoadUnsafe(ref q, (nuint)i) + d * d).StoreUnsafe(ref q, (nuint)i);
            }

            for (; i < row.Length; i++)
            {
                T d = (Unsafe.Add(ref x, i) - Unsafe.Add(ref p, i)) - Unsafe.Add(ref s, i);
                Unsafe.Add(ref q, i) += d * d;
            }
        }

        private static void NormalizeRun<T>(ReadOnlySpan<T> run, Span<T> output, T mean, T scale, T shift)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(run);
            ref T y = ref MemoryMarshal.GetReference(output);
            var m = new Vector<T>(mean);
            var s = new Vector<T>(scale);
            var b = new Vector<T>(shift);
            int i = 0;
            for (; i <= run.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                ((Vector.LoadUnsafe(ref x, (nuint)i) - m) * s + b).StoreUnsafe(ref y, (nuint)i);
            }

            for (; i < run.Length; i++)
            {
                Unsafe.Add(ref y, i) = (Unsafe.Add(ref x, i) - mean) * scale + shift;
            }
        }

        private static void NormalizeRow<T>(ReadOnlySpan<T> row, Span<T> output, ReadOnlySpan<T> mean, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(row);
            ref T y = ref MemoryMarshal.GetReference(output);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T s = ref MemoryMarshal.GetReference(scale);
            ref T b = ref MemoryMarshal.GetReference(shift);
            int i = 0;
            for (; i <= row.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                ((Vector.LoadUnsafe(ref x, (nuint)i) - Vector.LoadUnsafe(ref m, (nuint)i)) * Vector.LoadUnsafe(ref s, (nuint)i) + Vector.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            }

            for (; i < row.Length; i++)
            {
                Unsafe.Add(ref y, i) = (Unsafe.Add(ref x, i) - Unsafe.Add(ref m, i)) * Unsafe.Add(ref s, i) + Unsafe.Add(ref b, i);
            }
        }

        private static (T DySum, T DyXhatSum) GradientRun<T>(ReadOnlySpan<T> run, ReadOnlySpan<T> gradient, T mean, T invStd)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(run);
            ref T dy = ref MemoryMarshal.GetReference(gradient);
            var m = new Vector<T>(mean);
            var inv = new Vector<T>(invStd);
            Vector<T> d0 = Vector<T>.Zero, d1 = Vector<T>.Zero, h0 = Vector<T>.Zero, h1 = Vector<T>.Zero;
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= run.Length - 2 * lanes; i += 2 * lanes)
            {
                var g0 = Vector.LoadUnsafe(ref dy, (nuint)i);
                var g1 = Vector.LoadUnsafe(ref dy, (nuint)(i + lanes));
                d0 += g0;
                d1 += g1;
                h0 += g0 * ((Vector.LoadUnsafe(ref x, (nuint)i) - m) * inv);
                h1 += g1 * ((Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - m) * inv);
            }

            for (; i <= run.Length - lanes; i += lanes)
            {
                var g = Vector.LoadUnsafe(ref dy, (nuint)i);
                d0 += g;
                h0 += g * ((Vector.LoadUnsafe(ref x, (nuint)i) - m) * inv);
            }

            T dySum = Vector.Sum(d0 + d1);
            T dyXhatSum = Vector.Sum(h0 + h1);
            for (; i < run.Length; i++)
            {
                T g = Unsafe.Add(ref dy, i);
                dySum += g;
                dyXhatSum += g * ((Unsafe.Add(ref x, i) - mean) * invStd);
            }

            return (dySum, dyXhatSum);
        }

        private static void GradientRow<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> gradient, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, Span<T> dyTotals, Span<T> dyXhatTotals)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(row);
            ref T dy = ref MemoryMarshal.GetReference(gradient);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T a = ref MemoryMarshal.GetReference(dyTotals);
            ref T b = ref MemoryMarshal.GetReference(dyXhatTotals);
            int i = 0;
            for (; i <= row.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var g = Vector.LoadUnsafe(ref dy, (nuint)i);
                var xhat = (Vector.LoadUnsafe(ref x, (nuint)i) - Vector.LoadUnsafe(ref m, (nuint)i)) * Vector.LoadUnsafe(ref inv, (nuint)i);
                (Vector.LoadUnsafe(ref a, (nuint)i) + g).StoreUnsafe(ref a, (nuint)i);
                (Vector.LoadUnsafe(ref b, (nuint)i) + g * xhat).StoreUnsafe(ref b, (nuint)i);
            }

            for (; i < row.Length; i++)
            {
                T g = Unsafe.Add(ref dy, i);
                Unsafe.Add(ref a, i) += g;
                Unsafe.Add(ref b, i) += g * ((Unsafe.Add(ref x, i) - Unsafe.Add(ref m, i)) * Unsafe.Add(ref inv, i));
            }
        }

        private static void InputGradientRun<T>(ReadOnlySpan<T> run, ReadOnlySpan<T> gradient, Span<T> inputGradient, T mean, T invStd, T gamma, T k1, T k2)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(run);
            ref T dy = ref MemoryMarshal.GetReference(gradient);
            ref T dx = ref MemoryMarshal.GetReference(inputGradient);
            var m = new Vector<T>(mean);
            var inv = new Vector<T>(invStd);
            var g = new Vector<T>(gamma);
            var a = new Vector<T>(k1);
            var b = new Vector<T>(k2);
            int i = 0;
            for (; i <= run.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xhat = (Vector.LoadUnsafe(ref x, (nuint)i) - m) * inv;
                (inv * (g * Vector.LoadUnsafe(ref dy, (nuint)i) - a - xhat * b)).StoreUnsafe(ref dx, (nuint)i);
            }

            for (; i < run.Length; i++)
            {
                T xhat = (Unsafe.Add(ref x, i) - mean) * invStd;
                Unsafe.Add(ref dx, i) = invStd * (gamma * Unsafe.Add(ref dy, i) - k1 - xhat * k2);
            }
        }

        private static void InputGradientRow<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> gradient, Span<T> inputGradient, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> gamma, ReadOnlySpan<T> k1, ReadOnlySpan<T> k2)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x = ref MemoryMarshal.GetReference(row);
            ref T dy = ref MemoryMarshal.GetReference(gradient);
            ref T dx = ref MemoryMarshal.GetReference(inputGradient);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T g = ref MemoryMarshal.GetReference(gamma);
            ref T a = ref MemoryMarshal.GetReference(k1);
            ref T b = ref MemoryMarshal.GetReference(k2);
            int i = 0;
            for (; i <= row.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var invV = Vector.LoadUnsafe(ref inv, (nuint)i);
                var xhat = (Vector.LoadUnsafe(ref x, (nuint)i) - Vector.LoadUnsafe(ref m, (nuint)i)) * invV;
                (invV * (Vector.LoadUnsafe(ref g, (nuint)i) * Vector.LoadUnsafe(ref dy, (nuint)i) - Vector.LoadUnsafe(ref a, (nuint)i) - xhat * Vector.LoadUnsafe(ref b, (nuint)i))).StoreUnsafe(ref dx, (nuint)i);
            }

            for (; i < row.Length; i++)
            {
                T invS = Unsafe.Add(ref inv, i);
                T xhat = (Unsafe.Add(ref x, i) - Unsafe.Add(ref m, i)) * invS;
                Unsafe.Add(ref dx, i) = invS * (Unsafe.Add(ref g, i) * Unsafe.Add(ref dy, i) - Unsafe.Add(ref a, i) - xhat * Unsafe.Add(ref b, i));
            }
        }
    }
}
