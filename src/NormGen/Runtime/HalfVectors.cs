using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NormGen.Runtime
{
    /// <summary>
    /// Loads <see cref="Half"/> values into a <c>Vector&lt;float&gt;</c> and stores one back, converting in registers:
    /// the kernels of a <c>[Normalize&lt;Half&gt;]</c> layer read and write 16-bit tensors and compute in float.
    /// .NET has no vector conversion between Half and float, so both directions are bit manipulation and float
    /// arithmetic on the lanes. Both are exact as the scalar casts are: <see cref="Load"/> gives <c>(float)h</c> for every half (normals,
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
            Widen(LoadBits(ref Unsafe.As<Half, short>(ref Unsafe.Add(ref source, (nint)index))));

        /// <summary>destination[index .. index + Vector&lt;float&gt;.Count) = (Half)value.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector<float> value, ref Half destination, nuint index) =>
            StoreBits(Narrow(value), ref Unsafe.As<Half, ushort>(ref Unsafe.Add(ref destination, (nint)index)));

        // Half bits: sign 15, exponent 14..10 (bias 15), mantissa 9..0. Float: sign 31, exponent 30..23 (bias 127).
        // Both directions lean on the float unit: subnormal operands and results are exact (.NET never flushes them to
        // zero), and an operation on a NaN returns that NaN with the quiet bit set, payload kept.
        private const int HalfInfinity = 0x7C00;
        private const int HalfMinNormalExponent = 127 - 14;
        private const int HalfMantissaShift = 13;
        private const int FloatExponentMask = 0x7F80_0000;

        /// <summary>2^112 = 2^(127 - 15), the ratio of the two exponent biases.</summary>
        private const float ExponentRebias = (float)(1L << 56) * (1L << 56);

        /// <summary>The halves (sign-extended in int lanes) as floats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> Widen(Vector<int> halves)
        {
            // Shifted left 13, exponent and mantissa sit where a float's do, the sign in bit 31 and copied into 30..28.
            // Those three bits are cleared, or set for Inf and NaN, whose float exponent must be all ones. Then the value
            // times 2^112 is the half's: exact for normals and subnormals (a half subnormal is a float subnormal here),
            // Inf stays Inf, a NaN comes out quiet with its payload, as the cast gives.
            var infOrNaN = Vector.GreaterThan(halves & new Vector<int>(0x7FFF), new Vector<int>(HalfInfinity - 1));
            var bits = Vector.ConditionalSelect(new Vector<int>(unchecked((int)0x8FFF_FFFF)), Vector.ShiftLeft(halves, HalfMantissaShift), infOrNaN);
            return Vector.AsVectorSingle(bits) * new Vector<float>(ExponentRebias);
        }

        /// <summary>The floats as half bits in int lanes, rounded to nearest even.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<int> Narrow(Vector<float> value)
        {
            var bits = Vector.AsVectorInt32(value);
            var magnitude = Vector.AsVectorSingle(bits & new Vector<int>(int.MaxValue));
            // Adding 2^(e + 13), e the magnitude's exponent but at least the smallest normal half's (-14), leaves the
            // sum a unit in the last place of 2^(e - 10): the float adder rounds the magnitude to a half's precision,
            // to nearest even, the subnormal step 2^-24 included. Subtracting it back is exact; times 2^-112 the
            // rounded value's float bits are the half's shifted left 13 (exact again, the subnormals as float subnormals).
            var roundingBits = Vector.Max(bits & new Vector<int>(FloatExponentMask), new Vector<int>(HalfMinNormalExponent << 23)) + new Vector<int>(HalfMantissaShift << 23);
            var sum = magnitude + Vector.AsVectorSingle(roundingBits);
            var rounded = (sum - Vector.AsVectorSingle(roundingBits)) * new Vector<float>(1 / ExponentRebias);
            // 65520 and above round to 65536 or more, whose bits exceed Inf's (from 2^115 on the addend is Inf or wraps to a
            // tiny negative float, and the bits are those of Inf, NaN or the magnitude itself): the minimum makes them Inf.
            var result = Vector.Min(Vector.ShiftRightLogical(Vector.AsVectorInt32(rounded), HalfMantissaShift), new Vector<int>(HalfInfinity));
            // The sum's bits shifted and rebiased are at most Inf's unless the input is NaN: then the sum is that NaN,
            // quiet, and this is 0x7E00 with the payload's top bits, as the cast gives.
            var nan = Vector.ShiftRightLogical(Vector.AsVectorInt32(sum), HalfMantissaShift) - new Vector<int>((FloatExponentMask >> HalfMantissaShift) - HalfInfinity);
            return Vector.Max(result, nan) | (Vector.ShiftRightLogical(bits, 16) & new Vector<int>(0x8000));
        }

        /// <summary>Vector&lt;float&gt;.Count halves, sign-extended to int lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<int> LoadBits(ref short source)
        {
            if (Vector<float>.Count == Vector256<float>.Count)
            {
                return Vector256.WidenLower(Vector128.LoadUnsafe(ref source).ToVector256Unsafe()).AsVector();
            }

            if (Vector<float>.Count == Vector512<float>.Count)
            {
                return Vector512.WidenLower(Vector256.LoadUnsafe(ref source).ToVector512Unsafe()).AsVector();
            }

            if (Vector<float>.Count == Vector128<float>.Count)
            {
                var halves = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<short, byte>(ref source))).AsInt16();
                return Vector128.WidenLower(halves).AsVector();
            }

            Span<int> lanes = stackalloc int[Vector<int>.Count];
            for (int i = 0; i < lanes.Length; i++)
            {
                lanes[i] = Unsafe.Add(ref source, i);
            }

            return new Vector<int>(lanes);
        }

        /// <summary>The low 16 bits of each lane (all lanes in 0 ..= 0xFFFF) to Vector&lt;float&gt;.Count halves.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreBits(Vector<int> bits, ref ushort destination)
        {
            if (Vector<float>.Count == Vector256<float>.Count)
            {
                var lanes = bits.AsVector256().AsUInt32();
                if (Avx512F.VL.IsSupported)
                {
                    Avx512F.VL.ConvertToVector128UInt16(lanes).StoreUnsafe(ref destination);
                }
                else
                {
                    Vector128.Narrow(lanes.GetLower(), lanes.GetUpper()).StoreUnsafe(ref destination);
                }

                return;
            }

            if (Vector<float>.Count == Vector512<float>.Count)
            {
                Avx512F.ConvertToVector256UInt16(bits.AsVector512().AsUInt32()).StoreUnsafe(ref destination);
                return;
            }

            if (Vector<float>.Count == Vector128<float>.Count)
            {
                var lanes = bits.AsVector128().AsUInt32();
                Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref destination), Vector128.Narrow(lanes, lanes).AsUInt64().ToScalar());
                return;
            }

            for (int i = 0; i < Vector<int>.Count; i++)
            {
                Unsafe.Add(ref destination, i) = (ushort)bits[i];
            }
        }
    }
}
