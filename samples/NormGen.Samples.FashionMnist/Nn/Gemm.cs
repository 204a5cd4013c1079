using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>Row-major matrix products for the convolution, vectorised along the long rows of B and C.</summary>
    public static class Gemm
    {
        /// <summary>C (m × n) += A (m × k) · B (k × n). Four rows of C are accumulated in registers per vector of
        /// columns, so each vector of B is loaded once for four rows.</summary>
        public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        {
            if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
            {
                throw new ArgumentException($"Gemm of {m}×{k} by {k}×{n} needs spans of {m * k}, {k * n}, {m * n}; got {a.Length}, {b.Length}, {c.Length}.");
            }

            ref float a0 = ref MemoryMarshal.GetReference(a);
            ref float b0 = ref MemoryMarshal.GetReference(b);
            ref float c0 = ref MemoryMarshal.GetReference(c);
            int width = Vector<float>.Count;
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                int j = 0;
                for (; j + width <= n; j += width)
                {
                    FourRows(ref a0, ref b0, ref c0, i, j, k, n);
                }

                for (; j < n; j++)
                {
                    for (int r = i; r < i + 4; r++)
                    {
                        c[r * n + j] += ScalarDot(a, b, r, j, k, n);
                    }
                }
            }

            for (; i < m; i++)
            {
                int j = 0;
                for (; j + width <= n; j += width)
                {
                    var sum = Vector.LoadUnsafe(ref c0, (nuint)(i * n + j));
                    for (int p = 0; p < k; p++)
                    {
                        sum += new Vector<float>(Unsafe.Add(ref a0, i * k + p)) * Vector.LoadUnsafe(ref b0, (nuint)(p * n + j));
                    }

                    sum.StoreUnsafe(ref c0, (nuint)(i * n + j));
                }

                for (; j < n; j++)
                {
                    c[i * n + j] += ScalarDot(a, b, i, j, k, n);
                }
            }
        }

        /// <summary>Writes the transpose of <paramref name="source"/> (rows × columns) into <paramref name="target"/>.</summary>
        public static void Transpose(ReadOnlySpan<float> source, Span<float> target, int rows, int columns)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int col = 0; col < columns; col++)
                {
                    target[col * rows + r] = source[r * columns + col];
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FourRows(ref float a0, ref float b0, ref float c0, int i, int j, int k, int n)
        {
            var s0 = Vector.LoadUnsafe(ref c0, (nuint)(i * n + j));
            var s1 = Vector.LoadUnsafe(ref c0, (nuint)((i + 1) * n + j));
            var s2 = Vector.LoadUnsafe(ref c0, (nuint)((i + 2) * n + j));
            var s3 = Vector.LoadUnsafe(ref c0, (nuint)((i + 3) * n + j));
            for (int p = 0; p < k; p++)
            {
                var bv = Vector.LoadUnsafe(ref b0, (nuint)(p * n + j));
                s0 += new Vector<float>(Unsafe.Add(ref a0, i * k + p)) * bv;
                s1 += new Vector<float>(Unsafe.Add(ref a0, (i + 1) * k + p)) * bv;
                s2 += new Vector<float>(Unsafe.Add(ref a0, (i + 2) * k + p)) * bv;
                s3 += new Vector<float>(Unsafe.Add(ref a0, (i + 3) * k + p)) * bv;
            }

            s0.StoreUnsafe(ref c0, (nuint)(i * n + j));
            s1.StoreUnsafe(ref c0, (nuint)((i + 1) * n + j));
            s2.StoreUnsafe(ref c0, (nuint)((i + 2) * n + j));
            s3.StoreUnsafe(ref c0, (nuint)((i + 3) * n + j));
        }

        private static float ScalarDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int row, int column, int k, int n)
        {
            float sum = 0f;
            for (int p = 0; p < k; p++)
            {
                sum += a[row * k + p] * b[p * n + column];
            }

            return sum;
        }
    }
}
