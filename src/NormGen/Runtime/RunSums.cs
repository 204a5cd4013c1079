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
    /// loop, their lanes summed before the scalar tail). Every form is the one loop of <see cref="Sum"/> with its own
    /// terms. Generated layers call them; they are not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RunSums
    {
        /// <summary>With d = x - <paramref name="pivot"/> over the <paramref name="length"/> values from <paramref name="x"/>:
        /// <paramref name="sum"/> += d and <paramref name="squares"/> += d².</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddShifted<T>(ref T x, int length, T pivot, ref RunSum<T> sum, ref RunSum<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T> => Sum(new ShiftedTerms<T>(pivot, withSquares: true), ref x, ref x, length, ref sum, ref squares, alone: false);

        /// <summary>One run alone: returns sum(x - <paramref name="pivot"/>), and sum((x - pivot)²) in <paramref name="squares"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T ShiftedAndSquares<T>(ref T x, int length, T pivot, out T squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> sum = default, squareSum = default;
            Sum(new ShiftedTerms<T>(pivot, withSquares: true), ref x, ref x, length, ref sum, ref squareSum, alone: true);
            squares = squareSum.Scalar;
            return sum.Scalar;
        }

        /// <summary>One run alone: sum(x - <paramref name="pivot"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Shifted<T>(ref T x, int length, T pivot)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> sum = default, unused = default;
            Sum(new ShiftedTerms<T>(pivot, withSquares: false), ref x, ref x, length, ref sum, ref unused, alone: true);
            return sum.Scalar;
        }

        /// <summary><paramref name="squares"/> += (x - <paramref name="mean"/>)² over the <paramref name="length"/> values
        /// from <paramref name="x"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddSquaredDeviations<T>(ref T x, int length, T mean, ref RunSum<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> unused = default;
            Sum(new DeviationTerms<T>(T.Zero, mean, pivoted: false), ref x, ref x, length, ref squares, ref unused, alone: false);
        }

        /// <summary>One run alone: sum((x - <paramref name="mean"/>)²).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T SquaredDeviations<T>(ref T x, int length, T mean)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> squares = default, unused = default;
            Sum(new DeviationTerms<T>(T.Zero, mean, pivoted: false), ref x, ref x, length, ref squares, ref unused, alone: true);
            return squares.Scalar;
        }

        /// <summary>One run alone: sum((x - <paramref name="pivot"/> - <paramref name="mean"/>)²), the deviations from a mean
        /// taken relative to a pivot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T SquaredDeviations<T>(ref T x, int length, T pivot, T mean)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> squares = default, unused = default;
            Sum(new DeviationTerms<T>(pivot, mean, pivoted: true), ref x, ref x, length, ref squares, ref unused, alone: true);
            return squares.Scalar;
        }

        /// <summary><paramref name="squares"/> += x² over the <paramref name="length"/> values from <paramref name="x"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddSquares<T>(ref T x, int length, ref RunSum<T> squares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> unused = default;
            Sum(default(SquareTerms<T>), ref x, ref x, length, ref squares, ref unused, alone: false);
        }

        /// <summary>One run alone: sum(x²).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Squares<T>(ref T x, int length)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> squares = default, unused = default;
            Sum(default(SquareTerms<T>), ref x, ref x, length, ref squares, ref unused, alone: true);
            return squares.Scalar;
        }

        /// <summary>One run alone, with xhat = (x - <paramref name="mean"/>) * <paramref name="invStd"/>: returns
        /// sum(dy * xhat), and sum(dy) in <paramref name="dySum"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T GradientSums<T>(ref T x, ref T dy, int length, T mean, T invStd, out T dySum)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            RunSum<T> dyXhat = default, dyTotal = default;
            Sum(new GradientTerms<T>(mean, invStd), ref x, ref dy, length, ref dyXhat, ref dyTotal, alone: true);
            dySum = dyTotal.Scalar;
            return dyXhat.Scalar;
        }

        /// <summary>
        /// The one loop every sum takes over the <paramref name="length"/> values from <paramref name="x"/> (and
        /// <paramref name="y"/>, for terms of two inputs): four vectors a step into the four copies of each sum, then one
        /// vector a step into the first, then the scalar tail. With <paramref name="alone"/> the copies are combined after
        /// the unrolled loop and folded into the scalar after the vector loop; without, they stay for the caller's next run.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Sum<T, TTerms>(TTerms terms, ref T x, ref T y, int length, ref RunSum<T> first, ref RunSum<T> second, bool alone)
            where T : unmanaged, IFloatingPointIeee754<T>
            where TTerms : struct, IRunTerms<T>
        {
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                terms.Add(ref x, ref y, (nuint)i, ref first.V0, ref second.V0);
                terms.Add(ref x, ref y, (nuint)(i + lanes), ref first.V1, ref second.V1);
                terms.Add(ref x, ref y, (nuint)(i + 2 * lanes), ref first.V2, ref second.V2);
                terms.Add(ref x, ref y, (nuint)(i + 3 * lanes), ref first.V3, ref second.V3);
            }

            if (alone)
            {
                first.Combine();
                second.Combine();
            }

            for (; i <= length - lanes; i += lanes)
            {
                terms.Add(ref x, ref y, (nuint)i, ref first.V0, ref second.V0);
            }

            if (alone)
            {
                first.Fold();
                second.Fold();
            }

            for (; i < length; i++)
            {
                terms.Add(Unsafe.Add(ref x, i), Unsafe.Add(ref y, i), ref first.Scalar, ref second.Scalar);
            }
        }

        /// <summary>What one step of <see cref="Sum"/> adds to its two sums, for a vector of values and for one value.</summary>
        private interface IRunTerms<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            void Add(ref T x, ref T y, nuint offset, ref Vector<T> first, ref Vector<T> second);

            void Add(T x, T y, ref T first, ref T second);
        }

        /// <summary>d = x - pivot: first += d, second += d² when <c>withSquares</c>.</summary>
        private readonly struct ShiftedTerms<T>(T pivot, bool withSquares) : IRunTerms<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            private readonly Vector<T> _pivots = new(pivot);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(ref T x, ref T y, nuint offset, ref Vector<T> first, ref Vector<T> second)
            {
                var d = Vector.LoadUnsafe(ref x, offset) - _pivots;
                first += d;
                if (withSquares)
                {
                    second += d * d;
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(T x, T y, ref T first, ref T second)
            {
                T d = x - pivot;
                first += d;
                if (withSquares)
                {
                    second += d * d;
                }
            }
        }

        /// <summary>d = x - mean, or (x - pivot) - mean when <c>pivoted</c>: first += d².</summary>
        private readonly struct DeviationTerms<T>(T pivot, T mean, bool pivoted) : IRunTerms<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            private readonly Vector<T> _pivots = new(pivot), _means = new(mean);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(ref T x, ref T y, nuint offset, ref Vector<T> first, ref Vector<T> second)
            {
                var d = pivoted ? Vector.LoadUnsafe(ref x, offset) - _pivots - _means : Vector.LoadUnsafe(ref x, offset) - _means;
                first += d * d;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(T x, T y, ref T first, ref T second)
            {
                T d = pivoted ? x - pivot - mean : x - mean;
                first += d * d;
            }
        }

        /// <summary>first += x².</summary>
        private readonly struct SquareTerms<T> : IRunTerms<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(ref T x, ref T y, nuint offset, ref Vector<T> first, ref Vector<T> second)
            {
                var v = Vector.LoadUnsafe(ref x, offset);
                first += v * v;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(T x, T y, ref T first, ref T second) => first += x * x;
        }

        /// <summary>xhat = (x - mean) * invStd, with y the output gradient: first += y * xhat, second += y.</summary>
        private readonly struct GradientTerms<T>(T mean, T invStd) : IRunTerms<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            private readonly Vector<T> _means = new(mean), _invStds = new(invStd);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(ref T x, ref T y, nuint offset, ref Vector<T> first, ref Vector<T> second)
            {
                var xhat = (Vector.LoadUnsafe(ref x, offset) - _means) * _invStds;
                var dy = Vector.LoadUnsafe(ref y, offset);
                first += dy * xhat;
                second += dy;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(T x, T y, ref T first, ref T second)
            {
                T xhat = (x - mean) * invStd;
                first += y * xhat;
                second += y;
            }
        }
    }
}
