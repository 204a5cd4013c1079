using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// One sum over contiguous runs of values, in vector registers: a vector for each of the four copies of the unrolled
    /// loop (so that their additions do not wait on one another) and a scalar for the tails. A generated kernel keeps it
    /// in a local, across every run of one statistic, and reads <see cref="Total"/> once at the end.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct RunSum<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        internal Vector<T> V0, V1, V2, V3;
        internal T Scalar;

        /// <summary>The vectors' lanes, pairwise ((V0 + V1) + (V2 + V3)), plus the scalar.</summary>
        public readonly T Total => Vector.Sum((V0 + V1) + (V2 + V3)) + Scalar;

        /// <summary>After the unrolled loop of one run summed alone: the four vectors into the first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Combine()
        {
            V0 += (V1 + V2) + V3;
            V1 = V2 = V3 = Vector<T>.Zero;
        }

        /// <summary>After the vector loop of one run summed alone: the vector's lanes into the scalar, which the tail
        /// then adds to.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Fold()
        {
            Scalar = Vector.Sum(V0);
            V0 = Vector<T>.Zero;
        }
    }

    /// <summary>
    /// The reductions over one contiguous run of values that the generated channels-first kernels take: the loop nest
    /// around a run stays generated, specialised to the declaration, and each run is one call, inlined into the kernel.
    /// The <c>Add</c> forms add into <see cref="RunSum{T}"/> locals of the caller, which stay in registers across the
    /// runs of a statistic; the others sum one run alone and return its total (the vectors combined after the unrolled
    /// loop, their lanes summed before the scalar tail). Generated layers call them; they are not meant to be called
    /// directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RunSums
    {
        /// <summary>With d = x - <paramref name="pivot"/> over the <paramref name="length"/> values from <paramref name="x"/>:
        /// <paramref name="sum"/> += d and <paramref name="squares"/> += d².</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddShifted<T>(ref T x, int length, T pivot, ref RunSum<T> sum, ref RunSum<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T> => Shifted(ref x, length, pivot, ref sum, ref squares, withSquares: true, alone: false);

        /// <summary>One run alone: returns sum(x - <paramref name="pivot"/>), and sum((x - pivot)²) in <paramref name="squares"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T ShiftedAndSquares<T>(ref T x, int length, T pivot, out T squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> sum = default, squareSum = default;
            Shifted(ref x, length, pivot, ref sum, ref squareSum, withSquares: true, alone: true);
            squares = squareSum.Scalar;
            return sum.Scalar;
        }

        /// <summary>One run alone: sum(x - <paramref name="pivot"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Shifted<T>(ref T x, int length, T pivot)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> sum = default, unused = default;
            Shifted(ref x, length, pivot, ref sum, ref unused, withSquares: false, alone: true);
            return sum.Scalar;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Shifted<T>(ref T x, int length, T pivot, ref RunSum<T> sum, ref RunSum<T> squares, bool withSquares, bool alone)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var p = new Vector<T>(pivot);
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                var d0 = Vector.LoadUnsafe(ref x, (nuint)i) - p;
                var d1 = Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - p;
                var d2 = Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)) - p;
                var d3 = Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)) - p;
                sum.V0 += d0;
                sum.V1 += d1;
                sum.V2 += d2;
                sum.V3 += d3;
                if (withSquares)
                {
                    squares.V0 += d0 * d0;
                    squares.V1 += d1 * d1;
                    squares.V2 += d2 * d2;
                    squares.V3 += d3 * d3;
                }
            }

            if (alone)
            {
                sum.Combine();
                squares.Combine();
            }

            for (; i <= length - lanes; i += lanes)
            {
                var d = Vector.LoadUnsafe(ref x, (nuint)i) - p;
                sum.V0 += d;
                if (withSquares)
                {
                    squares.V0 += d * d;
                }
            }

            if (alone)
            {
                sum.Fold();
                squares.Fold();
            }

            for (; i < length; i++)
            {
                T d = Unsafe.Add(ref x, i) - pivot;
                sum.Scalar += d;
                if (withSquares)
                {
                    squares.Scalar += d * d;
                }
            }
        }

        /// <summary><paramref name="squares"/> += (x - <paramref name="mean"/>)² over the <paramref name="length"/> values
        /// from <paramref name="x"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddSquaredDeviations<T>(ref T x, int length, T mean, ref RunSum<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T> => Deviations(ref x, length, T.Zero, mean, ref squares, pivoted: false, alone: false);

        /// <summary>One run alone: sum((x - <paramref name="mean"/>)²).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T SquaredDeviations<T>(ref T x, int length, T mean)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> squares = default;
            Deviations(ref x, length, T.Zero, mean, ref squares, pivoted: false, alone: true);
            return squares.Scalar;
        }

        /// <summary>One run alone: sum((x - <paramref name="pivot"/> - <paramref name="mean"/>)²), the deviations from a mean
        /// taken relative to a pivot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T SquaredDeviations<T>(ref T x, int length, T pivot, T mean)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> squares = default;
            Deviations(ref x, length, pivot, mean, ref squares, pivoted: true, alone: true);
            return squares.Scalar;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Deviations<T>(ref T x, int length, T pivot, T mean, ref RunSum<T> squares, bool pivoted, bool alone)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var p = new Vector<T>(pivot);
            var m = new Vector<T>(mean);
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                var d0 = pivoted ? Vector.LoadUnsafe(ref x, (nuint)i) - p - m : Vector.LoadUnsafe(ref x, (nuint)i) - m;
                var d1 = pivoted ? Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - p - m : Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - m;
                var d2 = pivoted ? Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)) - p - m : Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)) - m;
                var d3 = pivoted ? Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)) - p - m : Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)) - m;
                squares.V0 += d0 * d0;
                squares.V1 += d1 * d1;
                squares.V2 += d2 * d2;
                squares.V3 += d3 * d3;
            }

            if (alone)
            {
                squares.Combine();
            }

            for (; i <= length - lanes; i += lanes)
            {
                var d = pivoted ? Vector.LoadUnsafe(ref x, (nuint)i) - p - m : Vector.LoadUnsafe(ref x, (nuint)i) - m;
                squares.V0 += d * d;
            }

            if (alone)
            {
                squares.Fold();
            }

            for (; i < length; i++)
            {
                T d = pivoted ? Unsafe.Add(ref x, i) - pivot - mean : Unsafe.Add(ref x, i) - mean;
                squares.Scalar += d * d;
            }
        }

        /// <summary><paramref name="squares"/> += x² over the <paramref name="length"/> values from <paramref name="x"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddSquares<T>(ref T x, int length, ref RunSum<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T> => Squares(ref x, length, ref squares, alone: false);

        /// <summary>One run alone: sum(x²).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Squares<T>(ref T x, int length)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> squares = default;
            Squares(ref x, length, ref squares, alone: true);
            return squares.Scalar;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Squares<T>(ref T x, int length, ref RunSum<T> squares, bool alone)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                var v0 = Vector.LoadUnsafe(ref x, (nuint)i);
                var v1 = Vector.LoadUnsafe(ref x, (nuint)(i + lanes));
                var v2 = Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes));
                var v3 = Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes));
                squares.V0 += v0 * v0;
                squares.V1 += v1 * v1;
                squares.V2 += v2 * v2;
                squares.V3 += v3 * v3;
            }

            if (alone)
            {
                squares.Combine();
            }

            for (; i <= length - lanes; i += lanes)
            {
                var v = Vector.LoadUnsafe(ref x, (nuint)i);
                squares.V0 += v * v;
            }

            if (alone)
            {
                squares.Fold();
            }

            for (; i < length; i++)
            {
                T v = Unsafe.Add(ref x, i);
                squares.Scalar += v * v;
            }
        }

        /// <summary>One run alone, with xhat = (x - <paramref name="mean"/>) * <paramref name="invStd"/>: returns
        /// sum(dy * xhat), and sum(dy) in <paramref name="dySum"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T GradientSums<T>(ref T x, ref T dy, int length, T mean, T invStd, out T dySum)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> dyXhat = default, dyTotal = default;
            var m = new Vector<T>(mean);
            var inv = new Vector<T>(invStd);
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                var xhat0 = (Vector.LoadUnsafe(ref x, (nuint)i) - m) * inv;
                var dy0 = Vector.LoadUnsafe(ref dy, (nuint)i);
                dyXhat.V0 += dy0 * xhat0;
                dyTotal.V0 += dy0;
                var xhat1 = (Vector.LoadUnsafe(ref x, (nuint)(i + lanes)) - m) * inv;
                var dy1 = Vector.LoadUnsafe(ref dy, (nuint)(i + lanes));
                dyXhat.V1 += dy1 * xhat1;
                dyTotal.V1 += dy1;
                var xhat2 = (Vector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)) - m) * inv;
                var dy2 = Vector.LoadUnsafe(ref dy, (nuint)(i + 2 * lanes));
                dyXhat.V2 += dy2 * xhat2;
                dyTotal.V2 += dy2;
                var xhat3 = (Vector.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)) - m) * inv;
                var dy3 = Vector.LoadUnsafe(ref dy, (nuint)(i + 3 * lanes));
                dyXhat.V3 += dy3 * xhat3;
                dyTotal.V3 += dy3;
            }

            dyXhat.Combine();
            dyTotal.Combine();
            for (; i <= length - lanes; i += lanes)
            {
                var xhat = (Vector.LoadUnsafe(ref x, (nuint)i) - m) * inv;
                var dyv = Vector.LoadUnsafe(ref dy, (nuint)i);
                dyXhat.V0 += dyv * xhat;
                dyTotal.V0 += dyv;
            }

            dyXhat.Fold();
            dyTotal.Fold();
            for (; i < length; i++)
            {
                T xhat = (Unsafe.Add(ref x, i) - mean) * invStd;
                T dyi = Unsafe.Add(ref dy, i);
                dyXhat.Scalar += dyi * xhat;
                dyTotal.Scalar += dyi;
            }

            dySum = dyTotal.Scalar;
            return dyXhat.Scalar;
        }
    }
}
