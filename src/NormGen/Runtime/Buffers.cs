using System;
using System.ComponentModel;
using System.Numerics;

namespace NormGen.Runtime
{
    /// <summary>Array helpers for generated layers.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Buffers
    {
        /// <summary>Bytes of a cache line: the boundary a kernel's scratch starts at.</summary>
        public const int CacheLineBytes = 64;

        /// <summary>The <paramref name="length"/> elements of <paramref name="span"/> from its first cache-line boundary
        /// (<paramref name="span"/> holds <see cref="CacheLineBytes"/> more bytes than that). A kernel's stack scratch
        /// starts wherever the stack happens to be, 16-byte aligned, so that without this a vector load from it crossed
        /// a cache line in some processes and not in others.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="span"/> is too short.</exception>
        public static unsafe Span<T> AlignedSlice<T>(Span<T> span, int length)
            where T : unmanaged
        {
            nuint address = (nuint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span));
            int offset = (int)((CacheLineBytes - (address & (CacheLineBytes - 1))) & (CacheLineBytes - 1)) / sizeof(T);
            return span.Slice(offset, length);
        }

        /// <summary>A new array of <paramref name="length"/> elements, all <paramref name="value"/>.</summary>
        public static T[] Filled<T>(int length, T value)
        {
            var array = new T[length];
            array.AsSpan().Fill(value);
            return array;
        }

        /// <summary>Sets every element of <paramref name="first"/> and of <paramref name="second"/> (when there is one) to
        /// zero: a layer's parameter gradients.</summary>
        public static void Clear<T>(T[] first, T[]? second)
        {
            Array.Clear(first, 0, first.Length);
            if (second is not null)
            {
                Array.Clear(second, 0, second.Length);
            }
        }

        /// <summary>Sets every element of <paramref name="ones"/> to <paramref name="one"/> and every element of
        /// <paramref name="zeros"/> (when there is one) to zero: a layer's initial γ and β, or running variance and mean.</summary>
        public static void Reset<T>(T[] ones, T one, T[]? zeros)
        {
            ones.AsSpan().Fill(one);
            if (zeros is not null)
            {
                Array.Clear(zeros, 0, zeros.Length);
            }
        }

        /// <summary>Returns <paramref name="buffer"/> if it holds at least <paramref name="length"/> elements,
        /// else a new array of that length. Layers whose statistics depend on per-call dimensions allocate
        /// only when a call needs more than any call before it.</summary>
        public static T[] AtLeast<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];

        /// <summary><paramref name="total"/>[i] += <paramref name="step"/>[i] for the first <paramref name="count"/>
        /// elements, a vector at a time: a call's parameter gradients added to those accumulated before.</summary>
        public static void Accumulate<T>(T[] total, T[] step, int count)
            where T : unmanaged, INumberBase<T>
        {
            Span<T> sum = total.AsSpan(0, count);
            Residuals.Add<T>(sum, step.AsSpan(0, count), sum);
        }

        /// <summary>Both of a call's parameter gradients added to those accumulated before, as
        /// <see cref="Accumulate{T}(T[], T[], int)"/> does each: γ's, then β's.</summary>
        public static void Accumulate<T>(T[] weightTotal, T[] weightStep, T[] biasTotal, T[] biasStep, int count)
            where T : unmanaged, INumberBase<T>
        {
            Accumulate(weightTotal, weightStep, count);
            Accumulate(biasTotal, biasStep, count);
        }
    }
}
