using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// Kernels for a tensor that is a matrix of rows by channels, statistics per channel over the rows: a
    /// channels-first BatchNorm-style layer called with every axis after C of extent 1, such as BatchNorm2d on
    /// (N, C, 1, 1) after a global pooling. A layer's own kernels walk its layout one run per (row, channel), and a run
    /// of one element leaves them no vector to work with; these run along the channels instead, a vector of channels at
    /// a time, as the channels-last kernels do. Generated layers call them; they are not meant to be called directly.
    /// </summary>
    /// <remarks>
    /// The state they leave is the state the generated kernels leave: the mean and 1 / sqrt(var + eps) of each channel,
    /// and the sum of squared deviations (for the running variance). The variance is taken in a second pass over the
    /// rows, from the deviations from the mean, so no subtraction of large sums cancels.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ChannelRows
    {
        /// <summary>For each of <paramref name="channels"/> channels of the <paramref name="rows"/> × channels matrix
        /// <paramref name="x"/>: its mean, 1 / sqrt(m2 / rows + <paramref name="epsilon"/>) and m2, the sum of squared
        /// deviations from the mean.</summary>
        public static void BatchStatistics<T>(ReadOnlySpan<T> x, int rows, int channels, Span<T> mean, Span<T> invStd, Span<T> squares, T epsilon)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Check(x.Length, rows, channels);
            var m = mean.Slice(0, channels);
            var q = squares.Slice(0, channels);
            m.Clear();
            q.Clear();
            for (int r = 0; r < rows; r++)
            {
                Add(x.Slice(r * channels, channels), m);
            }

            T inverseCount = T.One / T.CreateTruncating(rows);
            for (int c = 0; c < channels; c++)
            {
                m[c] *= inverseCount;
            }

            for (int r = 0; r < rows; r++)
            {
                AddSquaredDeviations(x.Slice(r * channels, channels), m, q);
            }

            for (int c = 0; c < channels; c++)
            {
                invStd[c] = T.One / T.Sqrt(q[c] * inverseCount + epsilon);
            }
        }

        /// <summary>y = (x - mean) * (invStd * weight) + bias per channel; without weight and bias (empty spans),
        /// y = (x - mean) * invStd.</summary>
        public static void Normalize<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int channels, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Check(x.Length, rows, channels);
            Check(y.Length, rows, channels);
            bool affine = !weight.IsEmpty;
            CheckChannels(channels, mean.Length, invStd.Length, affine ? weight.Length : channels, affine ? bias.Length : channels);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T g = ref MemoryMarshal.GetReference(weight);
            ref T b = ref MemoryMarshal.GetReference(bias);
            for (int r = 0; r < rows; r++)
            {
                ref T xr = ref MemoryMarshal.GetReference(x.Slice(r * channels, channels));
                ref T yr = ref MemoryMarshal.GetReference(y.Slice(r * channels, channels));
                int c = 0;
                for (; c <= channels - Vector<T>.Count; c += Vector<T>.Count)
                {
                    var d = Vector.LoadUnsafe(ref xr, (nuint)c) - Vector.LoadUnsafe(ref m, (nuint)c);
                    var result = affine
                        ? d * (Vector.LoadUnsafe(ref inv, (nuint)c) * Vector.LoadUnsafe(ref g, (nuint)c)) + Vector.LoadUnsafe(ref b, (nuint)c)
                        : d * Vector.LoadUnsafe(ref inv, (nuint)c);
                    Vector.StoreUnsafe(result, ref yr, (nuint)c);
                }

                for (; c < channels; c++)
                {
                    T d = At(ref xr, c) - At(ref m, c);
                    At(ref yr, c) = affine ? d * (At(ref inv, c) * At(ref g, c)) + At(ref b, c) : d * At(ref inv, c);
                }
            }
        }

        /// <summary>Back-propagation through a Forward with batch statistics: per channel, sum = Σ dy and
        /// sumXhat = Σ dy * xhat (added to <paramref name="biasGrad"/> and <paramref name="weightGrad"/> when there is a
        /// weight), then dx = invStd * (g * dy - mean(g * dy) - xhat * mean(g * dy * xhat)) with g the weight (1 without).
        /// <paramref name="sum"/> and <paramref name="sumXhat"/> are left holding those two means.</summary>
        public static void BatchGradient<T>(
            ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int rows, int channels,
            ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> weight,
            Span<T> sum, Span<T> sumXhat, Span<T> weightGrad, Span<T> biasGrad)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Check(x.Length, rows, channels);
            Check(dy.Length, rows, channels);
            Check(dx.Length, rows, channels);
            CheckChannels(channels, mean.Length, invStd.Length, weight.IsEmpty ? channels : weight.Length, weight.IsEmpty ? channels : weightGrad.Length, weight.IsEmpty ? channels : biasGrad.Length);
            var k1 = sum.Slice(0, channels);
            var k2 = sumXhat.Slice(0, channels);
            k1.Clear();
            k2.Clear();
            for (int r = 0; r < rows; r++)
            {
                AddGradientSums(x.Slice(r * channels, channels), dy.Slice(r * channels, channels), mean, invStd, k1, k2);
            }

            bool affine = !weight.IsEmpty;
            T inverseCount = T.One / T.CreateTruncating(rows);
            for (int c = 0; c < channels; c++)
            {
                T g = affine ? weight[c] : T.One;
                if (affine)
                {
                    weightGrad[c] += k2[c];
                    biasGrad[c] += k1[c];
                }

                k1[c] = g * k1[c] * inverseCount;
                k2[c] = g * k2[c] * inverseCount;
            }

            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T gw = ref MemoryMarshal.GetReference(weight);
            ref T a = ref MemoryMarshal.GetReference(k1);
            ref T s = ref MemoryMarshal.GetReference(k2);
            for (int r = 0; r < rows; r++)
            {
                ref T xr = ref MemoryMarshal.GetReference(x.Slice(r * channels, channels));
                ref T dyr = ref MemoryMarshal.GetReference(dy.Slice(r * channels, channels));
                ref T dxr = ref MemoryMarshal.GetReference(dx.Slice(r * channels, channels));
                int c = 0;
                for (; c <= channels - Vector<T>.Count; c += Vector<T>.Count)
                {
                    var invV = Vector.LoadUnsafe(ref inv, (nuint)c);
                    var xhat = (Vector.LoadUnsafe(ref xr, (nuint)c) - Vector.LoadUnsafe(ref m, (nuint)c)) * invV;
                    var gdy = affine ? Vector.LoadUnsafe(ref gw, (nuint)c) * Vector.LoadUnsafe(ref dyr, (nuint)c) : Vector.LoadUnsafe(ref dyr, (nuint)c);
                    Vector.StoreUnsafe(invV * (gdy - Vector.LoadUnsafe(ref a, (nuint)c) - xhat * Vector.LoadUnsafe(ref s, (nuint)c)), ref dxr, (nuint)c);
                }

                for (; c < channels; c++)
                {
                    T xhat = (At(ref xr, c) - At(ref m, c)) * At(ref inv, c);
                    T gdy = affine ? At(ref gw, c) * At(ref dyr, c) : At(ref dyr, c);
                    At(ref dxr, c) = At(ref inv, c) * (gdy - At(ref a, c) - xhat * At(ref s, c));
                }
            }
        }

        /// <summary>Back-propagation through a Forward with running statistics (fixed per channel): dx = dy * (g * invStd)
        /// with g the weight (1 without); with a weight, Σ dy * xhat and Σ dy are added to <paramref name="weightGrad"/>
        /// and <paramref name="biasGrad"/>.</summary>
        public static void RunningGradient<T>(
            ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int rows, int channels,
            ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, ReadOnlySpan<T> weight, Span<T> weightGrad, Span<T> biasGrad)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Check(x.Length, rows, channels);
            Check(dy.Length, rows, channels);
            Check(dx.Length, rows, channels);
            bool affine = !weight.IsEmpty;
            CheckChannels(channels, mean.Length, invStd.Length, affine ? weight.Length : channels, affine ? weightGrad.Length : channels, affine ? biasGrad.Length : channels);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T g = ref MemoryMarshal.GetReference(weight);
            for (int r = 0; r < rows; r++)
            {
                if (affine)
                {
                    AddGradientSums(x.Slice(r * channels, channels), dy.Slice(r * channels, channels), mean, invStd, biasGrad, weightGrad);
                }

                ref T dyr = ref MemoryMarshal.GetReference(dy.Slice(r * channels, channels));
                ref T dxr = ref MemoryMarshal.GetReference(dx.Slice(r * channels, channels));
                int c = 0;
                for (; c <= channels - Vector<T>.Count; c += Vector<T>.Count)
                {
                    var scale = affine ? Vector.LoadUnsafe(ref g, (nuint)c) * Vector.LoadUnsafe(ref inv, (nuint)c) : Vector.LoadUnsafe(ref inv, (nuint)c);
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref dyr, (nuint)c) * scale, ref dxr, (nuint)c);
                }

                for (; c < channels; c++)
                {
                    At(ref dxr, c) = At(ref dyr, c) * (affine ? At(ref g, c) * At(ref inv, c) : At(ref inv, c));
                }
            }
        }

        /// <summary>sum += row.</summary>
        private static void Add<T>(ReadOnlySpan<T> row, Span<T> sum)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T xr = ref MemoryMarshal.GetReference(row);
            ref T s = ref MemoryMarshal.GetReference(sum);
            int c = 0;
            for (; c <= row.Length - Vector<T>.Count; c += Vector<T>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref s, (nuint)c) + Vector.LoadUnsafe(ref xr, (nuint)c), ref s, (nuint)c);
            }

            for (; c < row.Length; c++)
            {
                At(ref s, c) += At(ref xr, c);
            }
        }

        /// <summary>squares += (row - mean)^2.</summary>
        private static void AddSquaredDeviations<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> mean, Span<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T xr = ref MemoryMarshal.GetReference(row);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T q = ref MemoryMarshal.GetReference(squares);
            int c = 0;
            for (; c <= row.Length - Vector<T>.Count; c += Vector<T>.Count)
            {
                var d = Vector.LoadUnsafe(ref xr, (nuint)c) - Vector.LoadUnsafe(ref m, (nuint)c);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref q, (nuint)c) + d * d, ref q, (nuint)c);
            }

            for (; c < row.Length; c++)
            {
                T d = At(ref xr, c) - At(ref m, c);
                At(ref q, c) += d * d;
            }
        }

        /// <summary>sum += dy and sumXhat += dy * xhat, xhat = (x - mean) * invStd.</summary>
        private static void AddGradientSums<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> dyRow, ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, Span<T> sum, Span<T> sumXhat)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T xr = ref MemoryMarshal.GetReference(row);
            ref T dyr = ref MemoryMarshal.GetReference(dyRow);
            ref T m = ref MemoryMarshal.GetReference(mean);
            ref T inv = ref MemoryMarshal.GetReference(invStd);
            ref T s = ref MemoryMarshal.GetReference(sum);
            ref T sx = ref MemoryMarshal.GetReference(sumXhat);
            int c = 0;
            for (; c <= row.Length - Vector<T>.Count; c += Vector<T>.Count)
            {
                var dyv = Vector.LoadUnsafe(ref dyr, (nuint)c);
                var xhat = (Vector.LoadUnsafe(ref xr, (nuint)c) - Vector.LoadUnsafe(ref m, (nuint)c)) * Vector.LoadUnsafe(ref inv, (nuint)c);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref s, (nuint)c) + dyv, ref s, (nuint)c);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref sx, (nuint)c) + dyv * xhat, ref sx, (nuint)c);
            }

            for (; c < row.Length; c++)
            {
                T xhat = (At(ref xr, c) - At(ref m, c)) * At(ref inv, c);
                At(ref s, c) += At(ref dyr, c);
                At(ref sx, c) += At(ref dyr, c) * xhat;
            }
        }

        private static ref T At<T>(ref T first, int index) => ref System.Runtime.CompilerServices.Unsafe.Add(ref first, index);

        /// <summary>The generated layer has checked every length; this keeps the unchecked loads above in bounds should
        /// the kernels ever be called with others.</summary>
        private static void Check(int length, int rows, int channels)
        {
            if ((long)rows * channels > length)
            {
                throw new ArgumentException($"A span of {length} elements cannot hold {rows} rows of {channels} channels.");
            }
        }

        private static void CheckChannels(int channels, int a, int b, int c, int d, int e = int.MaxValue)
        {
            int shortest = Math.Min(Math.Min(Math.Min(a, b), Math.Min(c, d)), e);
            if (shortest < channels)
            {
                throw new ArgumentException($"A per-channel span of {shortest} elements is shorter than the {channels} channels.");
            }
        }
    }
}
