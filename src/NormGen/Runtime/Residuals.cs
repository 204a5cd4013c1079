using System;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// What generated layers with a residual (<see cref="NormResidual"/>) call besides their kernels: the element-wise sum
    /// <c>s = a + b</c> of the whole-tensor paths and the skip gradient, and the checks of which spans may share memory.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Residuals
    {
        /// <summary>sum[i] = a[i] + b[i]. <paramref name="sum"/> may be <paramref name="a"/> or <paramref name="b"/> itself
        /// (each element is read before it is written); the lengths are the caller's to check.</summary>
        public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum) => Add<float>(a, b, sum);

        /// <inheritdoc cref="Add(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
        public static void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> sum) => Add<double>(a, b, sum);

        /// <summary>sum[i] = (Half)((float)a[i] + (float)b[i]): added in float and rounded once, which is the correctly
        /// rounded Half sum (float carries more than twice Half's precision), as PyTorch adds half tensors. <paramref name="sum"/>
        /// may be <paramref name="a"/> or <paramref name="b"/> itself; the lengths are the caller's to check.</summary>
        public static void Add(ReadOnlySpan<Half> a, ReadOnlySpan<Half> b, Span<Half> sum)
        {
            ref Half x = ref MemoryMarshal.GetReference(a);
            ref Half r = ref MemoryMarshal.GetReference(b);
            ref Half s = ref MemoryMarshal.GetReference(sum);
            int count = sum.Length;
            int i = 0;
            for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
            {
                HalfVectors.Store(HalfVectors.Load(ref x, (nuint)i) + HalfVectors.Load(ref r, (nuint)i), ref s, (nuint)i);
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref s, i) = (Half)((float)Unsafe.Add(ref x, i) + (float)Unsafe.Add(ref r, i));
            }
        }

        /// <summary>sum = a + b, a vector at a time; <paramref name="sum"/> may be <paramref name="a"/> itself.</summary>
        internal static void Add<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> sum)
            where T : unmanaged, INumberBase<T>
        {
            ref T x = ref MemoryMarshal.GetReference(a);
            ref T r = ref MemoryMarshal.GetReference(b);
            ref T s = ref MemoryMarshal.GetReference(sum);
            int count = sum.Length;
            int i = 0;
            for (; i <= count - Vector<T>.Count; i += Vector<T>.Count)
            {
                var value = Vector.LoadUnsafe(ref x, (nuint)i) + Vector.LoadUnsafe(ref r, (nuint)i);
                value.StoreUnsafe(ref s, (nuint)i);
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref s, i) = Unsafe.Add(ref x, i) + Unsafe.Add(ref r, i);
            }
        }

        /// <summary>Throws when <paramref name="first"/> and <paramref name="second"/> share any element.</summary>
        public static void CheckSeparate<T>(string firstName, ReadOnlySpan<T> first, string secondName, ReadOnlySpan<T> second)
        {
            if (first.Overlaps(second))
            {
                ThrowOverlap(firstName, secondName, sameAllowed: false);
            }
        }

        /// <summary>Throws when <paramref name="first"/> and <paramref name="second"/> share elements without being the same
        /// span (same start, same length): an element-wise pass may write one over the other, not a shifted copy.</summary>
        public static void CheckSameOrSeparate<T>(string firstName, ReadOnlySpan<T> first, string secondName, ReadOnlySpan<T> second)
        {
            if (first.Overlaps(second, out int offset) && (offset != 0 || first.Length != second.Length))
            {
                ThrowOverlap(firstName, secondName, sameAllowed: true);
            }
        }

        private static void ThrowOverlap(string firstName, string secondName, bool sameAllowed) =>
            throw new ArgumentException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    sameAllowed
                        ? "'{0}' and '{1}' overlap without being the same memory: pass the same span for both, or spans that share no element."
                        : "'{0}' and '{1}' share memory, but '{0}' is written while '{1}' is still needed: pass spans that share no element.",
                    firstName,
                    secondName),
                firstName);
    }
}
