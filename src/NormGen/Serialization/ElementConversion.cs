using System;
using System.Buffers.Binary;
using System.Globalization;

namespace NormGen.Serialization
{
    /// <summary>
    /// Decodes little-endian values of any <see cref="TensorDType"/> into <c>float</c>, <c>double</c> or <c>long</c>,
    /// only where the value is kept exactly: a <c>double</c> read into <c>float</c> must be a <c>float</c> already, an
    /// integer read into a floating-point type must fit its mantissa, a floating-point value read into <c>long</c> must be
    /// a whole number in range. NaN and the infinities carry over between floating-point types.
    /// </summary>
    internal static class ElementConversion
    {
        private const double TwoTo63 = 9223372036854775808d;
        private const double TwoTo64 = 18446744073709551616d;

        public static void Convert<T>(TensorDType dtype, ReadOnlySpan<byte> source, Span<T> destination, string? name)
            where T : unmanaged
        {
            if (dtype is TensorDType.F8_E4M3 or TensorDType.F8_E5M2)
            {
                throw new StateDictException(name, TensorDTypes.Name(dtype) + " values are not converted; save the tensor as F16, BF16, F32 or F64.");
            }

            int size = TensorDTypes.Size(dtype);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = ConvertOne<T>(dtype, source.Slice(i * size, size), i, name);
            }
        }

        public static void ReverseEach(byte[] data, int size)
        {
            if (size == 1) return;
            for (int i = 0; i < data.Length; i += size) Array.Reverse(data, i, size);
        }

        private static T ConvertOne<T>(TensorDType dtype, ReadOnlySpan<byte> b, int index, string? name)
            where T : unmanaged
        {
            if (typeof(T) == typeof(long))
            {
                long value = ToInt64(dtype, b, index, name);
                return (T)(object)value;
            }

            double exact = ToDouble(dtype, b, index, name);
            if (typeof(T) == typeof(double)) return (T)(object)exact;
            if (typeof(T) == typeof(float))
            {
                float narrowed = (float)exact;
                if (narrowed != exact && !double.IsNaN(exact)) throw NotExact(dtype, exact, index, "float", name);
                return (T)(object)narrowed;
            }

            throw new NotSupportedException("Values are converted to float, double or long, not " + typeof(T).Name + ".");
        }

        /// <summary>The value as a double, exactly: every type but a large 64-bit integer fits.</summary>
        private static double ToDouble(TensorDType dtype, ReadOnlySpan<byte> b, int index, string? name)
        {
            switch (dtype)
            {
                case TensorDType.F64: return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(b));
                case TensorDType.F32: return BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(b));
                case TensorDType.F16: return (double)BitConverter.Int16BitsToHalf(BinaryPrimitives.ReadInt16LittleEndian(b));
                case TensorDType.BF16: return BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16);
                case TensorDType.I64:
                {
                    long v = BinaryPrimitives.ReadInt64LittleEndian(b);
                    double d = v;
                    if (d >= TwoTo63 || (long)d != v) throw NotExact(dtype, v, index, "double", name);
                    return d;
                }

                case TensorDType.U64:
                {
                    ulong v = BinaryPrimitives.ReadUInt64LittleEndian(b);
                    double d = v;
                    if (d >= TwoTo64 || (ulong)d != v) throw NotExact(dtype, v, index, "double", name);
                    return d;
                }

                default: return ToInt64(dtype, b, index, name);
            }
        }

        private static long ToInt64(TensorDType dtype, ReadOnlySpan<byte> b, int index, string? name)
        {
            switch (dtype)
            {
                case TensorDType.BOOL:
                    if (b[0] > 1) throw new StateDictException(name, "BOOL value " + b[0] + " at index " + index + " is neither 0 nor 1.");
                    return b[0];
                case TensorDType.U8: return b[0];
                case TensorDType.I8: return (sbyte)b[0];
                case TensorDType.I16: return BinaryPrimitives.ReadInt16LittleEndian(b);
                case TensorDType.U16: return BinaryPrimitives.ReadUInt16LittleEndian(b);
                case TensorDType.I32: return BinaryPrimitives.ReadInt32LittleEndian(b);
                case TensorDType.U32: return BinaryPrimitives.ReadUInt32LittleEndian(b);
                case TensorDType.I64: return BinaryPrimitives.ReadInt64LittleEndian(b);
                case TensorDType.U64:
                {
                    ulong v = BinaryPrimitives.ReadUInt64LittleEndian(b);
                    if (v > long.MaxValue) throw NotExact(dtype, v, index, "long", name);
                    return (long)v;
                }

                default:
                {
                    double d = ToDouble(dtype, b, index, name);
                    if (!(d >= -TwoTo63 && d < TwoTo63) || Math.Floor(d) != d) throw NotExact(dtype, d, index, "long", name);
                    return (long)d;
                }
            }
        }

        private static StateDictException NotExact(TensorDType dtype, double value, int index, string target, string? name) =>
            NotExact(dtype, value.ToString("R", CultureInfo.InvariantCulture), index, target, name);

        private static StateDictException NotExact(TensorDType dtype, long value, int index, string target, string? name) =>
            NotExact(dtype, value.ToString(CultureInfo.InvariantCulture), index, target, name);

        private static StateDictException NotExact(TensorDType dtype, ulong value, int index, string target, string? name) =>
            NotExact(dtype, value.ToString(CultureInfo.InvariantCulture), index, target, name);

        private static StateDictException NotExact(TensorDType dtype, string value, int index, string target, string? name) =>
            new StateDictException(name, TensorDTypes.Name(dtype) + " value " + value + " at index "
                + index.ToString(CultureInfo.InvariantCulture) + " is not exactly representable as " + target + ".");
    }
}
