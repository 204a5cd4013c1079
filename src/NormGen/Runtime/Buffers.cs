using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NormGen.Runtime
{
    /// <summary>Array helpers for generated layers.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Buffers
    {
        /// <summary>A new array of <paramref name="length"/> elements, all <paramref name="value"/>.</summary>
        public static T[] Filled<T>(int length, T value)
        {
            var array = new T[length];
            array.AsSpan().Fill(value);
            return array;
        }

        /// <summary>Returns <paramref name="buffer"/> if it holds at least <paramref name="length"/> elements,
        /// else a new array of that length. Layers whose statistics depend on per-call dimensions allocate
        /// only when a call needs more than any call before it.</summary>
        public static T[] AtLeast<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];

        /// <summary><paramref name="total"/>[i] += <paramref name="step"/>[i] for the first <paramref name="count"/>
        /// elements, a vector at a time: a call's parameter gradients added to those accumulated before.</summary>
        public static void Accumulate<T>(T[] total, T[] step, int count)
            where T : unmanaged, IAdditionOperators<T, T, T>
        {
            if ((uint)count > (uint)total.Length || (uint)count > (uint)step.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "More elements than the arrays hold.");
            }

            ref T sum = ref MemoryMarshal.GetArrayDataReference(total);
            ref T add = ref MemoryMarshal.GetArrayDataReference(step);
            int i = 0;
            if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            {
                for (; i <= count - Vector<T>.Count; i += Vector<T>.Count)
                {
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref sum, (nuint)i) + Vector.LoadUnsafe(ref add, (nuint)i), ref sum, (nuint)i);
                }
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref sum, i) += Unsafe.Add(ref add, i);
            }
        }
    }
}
