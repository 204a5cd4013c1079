using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// Kernels for a channels-first BatchNorm-style layer (statistics per channel over every other axis) called with
    /// few values after C: a tensor of <c>rows</c> × <c>channels</c> × <c>inner</c> values whose <c>inner</c> is a few
    /// vectors' worth at most, such as BatchNorm2d on (N, C, 1, 1) after a global pooling or on (N, C, 2, 2). A layer's
    /// own kernels walk such a tensor one (row, channel) run of <c>inner</c> values at a time, too short for them.
    /// These take each row's <c>channels</c> × <c>inner</c> values as one contiguous stretch instead, with a total per
    /// position in the stretch (per column), and fold the columns of a channel together afterwards. Generated layers
    /// call them; they are not meant to be called directly.
    /// </summary>
    /// <remarks>
    /// They leave the state the generated kernels leave: the mean and 1 / sqrt(var + eps) of each channel and the sum
    /// of squared deviations (for the running variance). The variance is taken in a second pass, from the deviations
    /// from the mean, so no subtraction of large sums cancels. Per-column buffers come from the shared array pool
    /// and go back to it, so calls allocate nothing once the pool holds them.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ShortRunKernels
    {
        /// <summary>Rows summed together before their total reaches the per-column sums: one load and store of each sum
        /// per four rows instead of per row.</summary>
        private const int RowBlock = 4;

        /// <summary>For each channel of <paramref name="x"/> (rows × channels × inner): its mean,
        /// 1 / sqrt(m2 / count + <paramref name="epsilon"/>) and m2, the sum of squared deviations from the mean,
        /// count = rows × inner.</summary>
        public static void BatchStatistics<T>(ReadOnlySpan<T> x, int rows, int channels, int inner, Span<T> mean, Span<T> invStd, Span<T> squares, T epsilon)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ComputeTypeGuard.Require<T>(nameof(ShortRunKernels));
            int width = Check(x.Length, rows, channels, inner);
            T[] buffer = ArrayPool<T>.Shared.Rent(2 * width);
            var columns = buffer.AsSpan(0, width);
            var columnSquares = buffer.AsSpan(width, width);
            columns.Clear();
            for (int r = 0, n; r < rows; r += n)
            {
                n = RowsFrom(r, rows);
                Add(x.Slice(r * width, n * width), width, columns);
            }

            T inverseCount = T.One / T.CreateTruncating((long)rows * inner);
            Fold(columns, channels, inner, mean);
            for (int c = 0; c < channels; c++)
            {
                mean[c] *= inverseCount;
            }

            Spread(mean, channels, inner, columns);
            columnSquares.Clear();
            for (int r = 0, n; r < rows; r += n)
            {
                n = RowsFrom(r, rows);
                AddSquaredDeviations(x.Slice(r * width, n * width), width, columns, columnSquares);
            }

            Fold(columnSquares, channels, inner, squares);
            for (int c = 0; c < channels; c++)
            {
                invStd[c] = T.One / T.Sqrt(squares[c] * inverseCount + epsilon);
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>y = (x - mean) * (invStd * weight) + bias per channel; without weight and bias (empty spans),
        /// y = (x - mean) * invStd.</summary>
        public static void Normalize<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int channels, int inner, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ComputeTypeGuard.Require<T>(nameof(ShortRunKernels));
            int width = Check(x.Length, rows, channels, inner);
            Check(y.Length, rows, channels, inner);
            bool affine = !weight.IsEmpty;
            T[] buffer = ArrayPool<T>.Shared.Rent(3 * width);
            var m = buffer.AsSpan(0, width);
            var scale = buffer.AsSpan(width, width);
            var shift = buffer.AsSpan(2 * width, width);
            Spread(mean, channels, inner, m);
            for (int c = 0; c < channels; c++)
            {
                scale.Slice(c * inner, inner).Fill(affine ? invStd[c] * weight[c] : invStd[c]);
                shift.Slice(c * inner, inner).Fill(affine ? bias[c] : T.Zero);
            }

            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T sr = ref MemoryMarshal.GetReference(scale);
            ref T br = ref MemoryMarshal.GetReference(shift);
            for (int r = 0; r < rows; r++)
            {
                ref T xr = ref MemoryMarshal.GetReference(x.Slice(r * width, width));
                ref T yr = ref MemoryMarshal.GetReference(y.Slice(r * width, width));
                int j = 0;
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var d = Vector.LoadUnsafe(ref xr, (nuint)j) - Vector.LoadUnsafe(ref mr, (nuint)j);
                    Vector.StoreUnsafe(d * Vector.LoadUnsafe(ref sr, (nuint)j) + Vector.LoadUnsafe(ref br, (nuint)j), ref yr, (nuint)j);
                }

                for (; j < width; j++)
                {
                    At(ref yr, j) = (At(ref xr, j) - At(ref mr, j)) * At(ref sr, j) + At(ref br, j);
                }
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>Back-propagation through a Forward with batch statistics: per channel, sum = Σ dy and
        /// sumXhat = Σ dy * xhat (added to <paramref name="biasGrad"/> and <paramref name="weightGrad"/> when there is a
        /// weight), then dx = invStd * (g * dy - mean(g * dy) - xhat * mean(g * dy * xhat)) with g the weight (1 without).
        /// <paramref name="sum"/> and <paramref name="sumXhat"/> are left holding those two means.</summary>
        public static void BatchGradient<T>(
            ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int rows, int channels, int inner,
            ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> weight,
            Span<T> sum, Span<T> sumXhat, Span<T> weightGrad, Span<T> biasGrad)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ComputeTypeGuard.Require<T>(nameof(ShortRunKernels));
            int width = Check(Math.Min(x.Length, Math.Min(dy.Length, dx.Length)), rows, channels, inner);
            bool affine = !weight.IsEmpty;
            T[] buffer = ArrayPool<T>.Shared.Rent(5 * width);
            var m = buffer.AsSpan(0, width);
            var inv = buffer.AsSpan(width, width);
            var k1 = buffer.AsSpan(2 * width, width);
            var k2 = buffer.AsSpan(3 * width, width);
            var g = buffer.AsSpan(4 * width, width);
            sum.Slice(0, channels).Clear();
            sumXhat.Slice(0, channels).Clear();
            AddGradientSums(x, dy, rows, channels, inner, mean, invStd, buffer.AsSpan(0, 4 * width), sum, sumXhat);
            T inverseCount = T.One / T.CreateTruncating((long)rows * inner);
            for (int c = 0; c < channels; c++)
            {
                T gc = affine ? weight[c] : T.One;
                if (affine)
                {
                    weightGrad[c] += sumXhat[c];
                    biasGrad[c] += sum[c];
                }

                sum[c] = gc * sum[c] * inverseCount;
                sumXhat[c] = gc * sumXhat[c] * inverseCount;
                g.Slice(c * inner, inner).Fill(gc);
            }

            Spread(sum, channels, inner, k1);
            Spread(sumXhat, channels, inner, k2);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T ir = ref MemoryMarshal.GetReference(inv);
            ref T ar = ref MemoryMarshal.GetReference(k1);
            ref T sr = ref MemoryMarshal.GetReference(k2);
            ref T gr = ref MemoryMarshal.GetReference(g);
            for (int r = 0; r < rows; r++)
            {
                ref T xr = ref MemoryMarshal.GetReference(x.Slice(r * width, width));
                ref T dyr = ref MemoryMarshal.GetReference(dy.Slice(r * width, width));
                ref T dxr = ref MemoryMarshal.GetReference(dx.Slice(r * width, width));
                int j = 0;
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var invV = Vector.LoadUnsafe(ref ir, (nuint)j);
                    var xhat = (Vector.LoadUnsafe(ref xr, (nuint)j) - Vector.LoadUnsafe(ref mr, (nuint)j)) * invV;
                    var gdy = Vector.LoadUnsafe(ref gr, (nuint)j) * Vector.LoadUnsafe(ref dyr, (nuint)j);
                    Vector.StoreUnsafe(invV * (gdy - Vector.LoadUnsafe(ref ar, (nuint)j) - xhat * Vector.LoadUnsafe(ref sr, (nuint)j)), ref dxr, (nuint)j);
                }

                for (; j < width; j++)
                {
                    T xhat = (At(ref xr, j) - At(ref mr, j)) * At(ref ir, j);
                    At(ref dxr, j) = At(ref ir, j) * (At(ref gr, j) * At(ref dyr, j) - At(ref ar, j) - xhat * At(ref sr, j));
                }
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>Back-propagation through a Forward with running statistics (fixed per channel): dx = dy * (g * invStd)
        /// with g the weight (1 without); with a weight, Σ dy * xhat and Σ dy are added to <paramref name="weightGrad"/>
        /// and <paramref name="biasGrad"/>.</summary>
        public static void RunningGradient<T>(
            ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int rows, int channels, int inner,
            ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> weight, Span<T> weightGrad, Span<T> biasGrad)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ComputeTypeGuard.Require<T>(nameof(ShortRunKernels));
            int width = Check(Math.Min(x.Length, Math.Min(dy.Length, dx.Length)), rows, channels, inner);
            bool affine = !weight.IsEmpty;
            T[] buffer = ArrayPool<T>.Shared.Rent(5 * width);
            var scale = buffer.AsSpan(4 * width, width);
            for (int c = 0; c < channels; c++)
            {
                scale.Slice(c * inner, inner).Fill(affine ? weight[c] * invStd[c] : invStd[c]);
            }

            if (affine)
            {
                AddGradientSums(x, dy, rows, channels, inner, mean, invStd, buffer.AsSpan(0, 4 * width), biasGrad, weightGrad);
            }

            ref T sr = ref MemoryMarshal.GetReference(scale);
            for (int r = 0; r < rows; r++)
            {
                ref T dyr = ref MemoryMarshal.GetReference(dy.Slice(r * width, width));
                ref T dxr = ref MemoryMarshal.GetReference(dx.Slice(r * width, width));
                int j = 0;
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref dyr, (nuint)j) * Vector.LoadUnsafe(ref sr, (nuint)j), ref dxr, (nuint)j);
                }

                for (; j < width; j++)
                {
                    At(ref dxr, j) = At(ref dyr, j) * At(ref sr, j);
                }
            }

            ArrayPool<T>.Shared.Return(buffer);
        }

        /// <summary>Per channel, Σ dy and Σ dy * xhat (xhat = (x - mean) * invStd) added to <paramref name="sum"/> and
        /// <paramref name="sumXhat"/>. <paramref name="columns"/> holds four rows' worth: it is left with the mean and
        /// invStd of each column in its first two.</summary>
        private static void AddGradientSums<T>(
            ReadOnlySpan<T> x, ReadOnlySpan<T> dy, int rows, int channels, int inner,
            ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, Span<T> columns, Span<T> sum, Span<T> sumXhat)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = channels * inner;
            var m = columns.Slice(0, width);
            var inv = columns.Slice(width, width);
            var sums = columns.Slice(2 * width, width);
            var sumsXhat = columns.Slice(3 * width, width);
            Spread(mean, channels, inner, m);
            Spread(invStd, channels, inner, inv);
            sums.Clear();
            sumsXhat.Clear();
            for (int r = 0, n; r < rows; r += n)
            {
                n = RowsFrom(r, rows);
                AddRowGradientSums(x.Slice(r * width, n * width), dy.Slice(r * width, n * width), width, m, inv, sums, sumsXhat);
            }

            FoldAdding(sums, channels, inner, sum);
            FoldAdding(sumsXhat, channels, inner, sumXhat);
        }

        /// <summary>perChannel[c] = the sum of the <paramref name="inner"/> columns of channel c.</summary>
        private static void Fold<T>(ReadOnlySpan<T> columns, int channels, int inner, Span<T> perChannel)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            perChannel.Slice(0, channels).Clear();
            FoldAdding(columns, channels, inner, perChannel);
        }

        /// <summary>perChannel[c] += the sum of the <paramref name="inner"/> columns of channel c.</summary>
        private static void FoldAdding<T>(ReadOnlySpan<T> columns, int channels, int inner, Span<T> perChannel)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int c = 0; c < channels; c++)
            {
                T total = T.Zero;
                foreach (T value in columns.Slice(c * inner, inner))
                {
                    total += value;
                }

                perChannel[c] += total;
            }
        }

        /// <summary>columns[c * inner + k] = perChannel[c].</summary>
        private static void Spread<T>(ReadOnlySpan<T> perChannel, int channels, int inner, Span<T> columns)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int c = 0; c < channels; c++)
            {
                columns.Slice(c * inner, inner).Fill(perChannel[c]);
            }
        }

        /// <summary>sum += the rows of <paramref name="rows"/> (one, or <see cref="RowBlock"/> added as a balanced tree
        /// before they reach the sum), column by column.</summary>
        private static void Add<T>(ReadOnlySpan<T> rows, int width, Span<T> sum)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x0 = ref MemoryMarshal.GetReference(rows);
            ref T s = ref MemoryMarshal.GetReference(sum);
            int j = 0;
            if (rows.Length == width)
            {
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref s, (nuint)j) + Vector.LoadUnsafe(ref x0, (nuint)j), ref s, (nuint)j);
                }

                for (; j < width; j++)
                {
                    At(ref s, j) += At(ref x0, j);
                }

                return;
            }

            ref T x1 = ref At(ref x0, width);
            ref T x2 = ref At(ref x0, 2 * width);
            ref T x3 = ref At(ref x0, 3 * width);
            for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
            {
                var first = Vector.LoadUnsafe(ref x0, (nuint)j) + Vector.LoadUnsafe(ref x1, (nuint)j);
                var second = Vector.LoadUnsafe(ref x2, (nuint)j) + Vector.LoadUnsafe(ref x3, (nuint)j);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref s, (nuint)j) + (first + second), ref s, (nuint)j);
            }

            for (; j < width; j++)
            {
                At(ref s, j) += (At(ref x0, j) + At(ref x1, j)) + (At(ref x2, j) + At(ref x3, j));
            }
        }

        /// <summary>squares += (row - mean)^2 for the rows of <paramref name="rows"/> (one, or <see cref="RowBlock"/>),
        /// column by column.</summary>
        private static void AddSquaredDeviations<T>(ReadOnlySpan<T> rows, int width, ReadOnlySpan<T> mean, Span<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x0 = ref MemoryMarshal.GetReference(rows);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T q = ref MemoryMarshal.GetReference(squares);
            int j = 0;
            if (rows.Length == width)
            {
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var d = Vector.LoadUnsafe(ref x0, (nuint)j) - Vector.LoadUnsafe(ref m, (nuint)j);
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref q, (nuint)j) + d * d, ref q, (nuint)j);
                }

                for (; j < width; j++)
                {
                    T d = At(ref x0, j) - At(ref m, j);
                    At(ref q, j) += d * d;
                }

                return;
            }

            ref T x1 = ref At(ref x0, width);
            ref T x2 = ref At(ref x0, 2 * width);
            ref T x3 = ref At(ref x0, 3 * width);
            for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
            {
                var mv = Vector.LoadUnsafe(ref m, (nuint)j);
                var d0 = Vector.LoadUnsafe(ref x0, (nuint)j) - mv;
                var d1 = Vector.LoadUnsafe(ref x1, (nuint)j) - mv;
                var d2 = Vector.LoadUnsafe(ref x2, (nuint)j) - mv;
                var d3 = Vector.LoadUnsafe(ref x3, (nuint)j) - mv;
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref q, (nuint)j) + ((d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3)), ref q, (nuint)j);
            }

            for (; j < width; j++)
            {
                T mv = At(ref m, j);
                T d0 = At(ref x0, j) - mv, d1 = At(ref x1, j) - mv, d2 = At(ref x2, j) - mv, d3 = At(ref x3, j) - mv;
                At(ref q, j) += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
            }
        }

        /// <summary>sum += dy and sumXhat += dy * xhat, xhat = (x - mean) * invStd, for the rows of <paramref name="rows"/>
        /// and <paramref name="dyRows"/> (one, or <see cref="RowBlock"/>), column by column.</summary>
        private static void AddRowGradientSums<T>(ReadOnlySpan<T> rows, ReadOnlySpan<T> dyRows, int width, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, Span<T> sum, Span<T> sumXhat)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T x0 = ref MemoryMarshal.GetReference(rows);
            ref T dy0 = ref MemoryMarshal.GetReference(dyRows);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T s = ref MemoryMarshal.GetReference(sum);
            ref T sx = ref MemoryMarshal.GetReference(sumXhat);
            int j = 0;
            if (rows.Length == width)
            {
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var dyv = Vector.LoadUnsafe(ref dy0, (nuint)j);
                    var xhat = (Vector.LoadUnsafe(ref x0, (nuint)j) - Vector.LoadUnsafe(ref m, (nuint)j)) * Vector.LoadUnsafe(ref inv, (nuint)j);
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref s, (nuint)j) + dyv, ref s, (nuint)j);
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref sx, (nuint)j) + dyv * xhat, ref sx, (nuint)j);
                }

                for (; j < width; j++)
                {
                    T xhat = (At(ref x0, j) - At(ref m, j)) * At(ref inv, j);
                    At(ref s, j) += At(ref dy0, j);
                    At(ref sx, j) += At(ref dy0, j) * xhat;
                }

                return;
            }

            ref T x1 = ref At(ref x0, width);
            ref T x2 = ref At(ref x0, 2 * width);
            ref T x3 = ref At(ref x0, 3 * width);
            ref T dy1 = ref At(ref dy0, width);
            ref T dy2 = ref At(ref dy0, 2 * width);
            ref T dy3 = ref At(ref dy0, 3 * width);
            for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
            {
                var mv = Vector.LoadUnsafe(ref m, (nuint)j);
                var iv = Vector.LoadUnsafe(ref inv, (nuint)j);
                var g0 = Vector.LoadUnsafe(ref dy0, (nuint)j);
                var g1 = Vector.LoadUnsafe(ref dy1, (nuint)j);
                var g2 = Vector.LoadUnsafe(ref dy2, (nuint)j);
                var g3 = Vector.LoadUnsafe(ref dy3, (nuint)j);
                var h0 = (Vector.LoadUnsafe(ref x0, (nuint)j) - mv) * iv;
                var h1 = (Vector.LoadUnsafe(ref x1, (nuint)j) - mv) * iv;
                var h2 = (Vector.LoadUnsafe(ref x2, (nuint)j) - mv) * iv;
                var h3 = (Vector.LoadUnsafe(ref x3, (nuint)j) - mv) * iv;
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref s, (nuint)j) + ((g0 + g1) + (g2 + g3)), ref s, (nuint)j);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref sx, (nuint)j) + ((g0 * h0 + g1 * h1) + (g2 * h2 + g3 * h3)), ref sx, (nuint)j);
            }

            for (; j < width; j++)
            {
                T mv = At(ref m, j), iv = At(ref inv, j);
                T g0 = At(ref dy0, j), g1 = At(ref dy1, j), g2 = At(ref dy2, j), g3 = At(ref dy3, j);
                T h0 = (At(ref x0, j) - mv) * iv, h1 = (At(ref x1, j) - mv) * iv, h2 = (At(ref x2, j) - mv) * iv, h3 = (At(ref x3, j) - mv) * iv;
                At(ref s, j) += (g0 + g1) + (g2 + g3);
                At(ref sx, j) += (g0 * h0 + g1 * h1) + (g2 * h2 + g3 * h3);
            }
        }

        /// <summary>The rows the kernels take together from row <paramref name="r"/> on: <see cref="RowBlock"/> while that
        /// many are left, then one at a time.</summary>
        private static int RowsFrom(int r, int rows) => rows - r >= RowBlock ? RowBlock : 1;

        private static ref T At<T>(ref T first, int index) => ref System.Runtime.CompilerServices.Unsafe.Add(ref first, index);

        /// <summary>The length of a row, rows × it elements being what the span must hold. The generated layer has
        /// checked every length; this keeps the unchecked loads above in bounds should the kernels be called with others.</summary>
        private static int Check(int length, int rows, int channels, int inner)
        {
            long width = (long)channels * inner;
            if (rows < 0 || channels < 0 || inner < 1 || rows * width > length)
            {
                throw new ArgumentException($"A span of {length} elements cannot hold {rows} rows of {channels} channels of {inner} values.");
            }

            return (int)width;
        }
    }
}
