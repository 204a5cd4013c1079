using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NormGen.Runtime
{
    /// <summary>
    /// Loads <see cref="Half"/> values into a <c>Vector&lt;float&gt;</c> and stores one back, converting in registers:
    /// the kernels of a <c>[Normalize&lt;Half&gt;]</c> layer read and write 16-bit tensors and compute in float.
    /// .NET has no vector conversion between Half and float, so both directions are bit manipulation on the lanes.
    /// Both are exact as the scalar casts are: <see cref="Load"/> gives <c>(float)h</c> for every half (normals,
    /// subnormals, ±0, ±Inf, NaN with its payload and the quiet bit set); <see cref="Store"/> gives <c>(Half)f</c>,
    /// rounded to nearest even, overflow to ±Inf, NaN kept NaN (quiet, its payload's top ten bits).
    /// Generated layers call them; they are not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class HalfVectors
    {
        /// <summary>(float)source[index .. index + Vector&lt;float&gt;.Count).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Load(ref Half source, nuint index) =>
            Widen(LoadBits(ref Unsafe.As<Half, ushort>(ref Unsafe.Add(ref source, (nint)index))));

        /// <summary>destination[index .. index + Vector&lt;float&gt;.Count) = (Half)value.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector<float> value, ref Half destination, nuint index) =>
            StoreBits(Narrow(value), ref Unsafe.As<Half, ushort>(ref Unsafe.Add(ref destination, (nint)index)));

        // Half bits: sign 15, exponent 14..10 (bias 15), mantissa 9..0. Float: sign 31, exponent 30..23 (bias 127).
        private const int HalfMagnitude = 0x7FFF;
        private const int HalfInfinity = 0x7C00;
        private const int HalfMinNormal = 0x0400;
        private const int HalfQuietNaN = 0x7E00;
        private const int ExponentRebias = (127 - 15) << 23;
        private const int FloatQuietBit = 0x0040_0000;
        private const int FloatInfinity = 0x7F80_0000;

        /// <summary>The half bits (zero-extended in int lanes) as floats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> Widen(Vector<int> bits)
        {
            var magnitude = bits & new Vector<int>(HalfMagnitude);
            var sign = Vector.ShiftLeft(bits ^ magnitude, 16);
            // Exponent and mantissa moved into place and the exponent rebiased: right for normals.
            var shifted = Vector.ShiftLeft(magnitude, 13) + new Vector<int>(ExponentRebias);
            // Inf and NaN: the exponent must be all ones, so rebias once more; NaN gets the quiet bit, as the cast does.
            shifted += Vector.GreaterThanOrEqual(magnitude, new Vector<int>(HalfInfinity)) & new Vector<int>(ExponentRebias);
            shifted |= Vector.GreaterThan(magnitude, new Vector<int>(HalfInfinity)) & new Vector<int>(FloatQuietBit);
            // Zero and subnormals (m * 2^-24): 2^-14 * (1 + m / 1024) - 2^-14, exact in float.
            var subnormal = Vector.AsVectorSingle(shifted + new Vector<int>(1 << 23)) - new Vector<float>(1f / 16384f);
            var result = Vector.ConditionalSelect(Vector.LessThan(magnitude, new Vector<int>(HalfMinNormal)), Vector.AsVectorInt32(subnormal), shifted);
            return Vector.AsVectorSingle(result | sign);
        }

        /// <summary>The floats as half bits in int lanes, rounded to nearest even.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<int> Narrow(Vector<float> value)
        {
            var bits = Vector.AsVectorInt32(value);
            var magnitude = bits & new Vector<int>(int.MaxValue);
            var sign = Vector.ShiftRightLogical(bits ^ magnitude, 16);
            // Normal halves: rebias, add 0x0FFF plus the lowest kept bit (ties to even), drop 13 mantissa bits. A value
            // that rounds past 65504 carries into the exponent and lands on Inf (0x7C00).
            var odd = Vector.ShiftRightLogical(magnitude, 13) & Vector<int>.One;
            var normal = Vector.ShiftRightLogical(magnitude - new Vector<int>(ExponentRebias) + new Vector<int>(0x0FFF) + odd, 13);
            // Below 2^-14 the half is subnormal: adding 0.5 lets the float unit round at 2^-24, the subnormal step, and
            // the result's low bits are the half's (1024 is the smallest normal, 0x0400, as it should be).
            var subnormal = Vector.AsVectorInt32(Vector.AsVectorSingle(magnitude) + new Vector<float>(0.5f)) - new Vector<int>(0x3F00_0000);
            var result = Vector.ConditionalSelect(Vector.LessThan(magnitude, new Vector<int>((127 - 14) << 23)), subnormal, normal);
            // 65536 and above (Inf included) overflow; NaN stays NaN, quiet, with its payload's top bits, as the cast does.
            result = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(magnitude, new Vector<int>((127 + 16) << 23)), new Vector<int>(HalfInfinity), result);
            var nan = new Vector<int>(HalfQuietNaN) | (Vector.ShiftRightLogical(magnitude, 13) & new Vector<int>(0x03FF));
            result = Vector.ConditionalSelect(Vector.GreaterThan(magnitude, new Vector<int>(FloatInfinity)), nan, result);
            return result | sign;
        }

        /// <summary>Vector&lt;float&gt;.Count halves, zero-extended to int lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<int> LoadBits(ref ushort source)
        {
            if (Vector<float>.Count == Vector256<float>.Count)
            {
                return Vector256.WidenLower(Vector128.LoadUnsafe(ref source).ToVector256Unsafe()).AsInt32().AsVector();
            }

            if (Vector<float>.Count == Vector512<float>.Count)
            {
                return Vector512.WidenLower(Vector256.LoadUnsafe(ref source).ToVector512Unsafe()).AsInt32().AsVector();
            }

            if (Vector<float>.Count == Vector128<float>.Count)
            {
                return Vector128.WidenLower(Vector64.LoadUnsafe(ref source).ToVector128Unsafe()).AsInt32().AsVector();
            }

            Span<int> lanes = stackalloc int[Vector<int>.Count];
            for (int i = 0; i < lanes.Length; i++)
            {
                lanes[i] = Unsafe.Add(ref source, i);
            }

            return new Vector<int>(lanes);
        }

        /// <summary>The low 16 bits of each lane to Vector&lt;float&gt;.Count halves.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreBits(Vector<int> bits, ref ushort destination)
        {
            if (Vector<float>.Count == Vector256<float>.Count)
            {
                var lanes = bits.AsVector256().AsUInt32();
                Vector256.Narrow(lanes, lanes).GetLower().StoreUnsafe(ref destination);
                return;
            }

            if (Vector<float>.Count == Vector512<float>.Count)
            {
                var lanes = bits.AsVector512().AsUInt32();
                Vector512.Narrow(lanes, lanes).GetLower().StoreUnsafe(ref destination);
                return;
            }

            if (Vector<float>.Count == Vector128<float>.Count)
            {
                var lanes = bits.AsVector128().AsUInt32();
                Vector128.Narrow(lanes, lanes).GetLower().StoreUnsafe(ref destination);
                return;
            }

            for (int i = 0; i < Vector<int>.Count; i++)
            {
                Unsafe.Add(ref destination, i) = (ushort)bits[i];
            }
        }
    }
}
