using System;
using System.Runtime.InteropServices;

namespace NormGen.Serialization
{
    /// <summary>
    /// One tensor of a <see cref="StateDict"/>: an element type, a shape (empty for a scalar, as PyTorch's
    /// <c>num_batches_tracked</c>) and the values, row-major and little-endian as safetensors stores them. A tensor read
    /// from a file opened with <see cref="SafeTensors.Open"/> reads its values from the mapped file when asked.
    /// </summary>
    public sealed class StateTensor
    {
        private readonly long[] _shape;
        private readonly TensorBytes _bytes;

        internal StateTensor(TensorDType dtype, long[] shape, TensorBytes bytes)
        {
            DType = dtype;
            _shape = shape;
            _bytes = bytes;
            ElementCount = TensorShapes.ElementCount(shape, null);
        }

        /// <summary>The element type.</summary>
        public TensorDType DType { get; }

        /// <summary>The extents, outermost first; empty for a scalar.</summary>
        public ReadOnlySpan<long> Shape => _shape;

        /// <summary>The number of values: the product of the extents (1 for a scalar).</summary>
        public long ElementCount { get; }

        /// <summary>The size of the values in bytes.</summary>
        public long ByteLength => _bytes.Length;

        /// <summary>A tensor of <c>float</c> values (<see cref="TensorDType.F32"/>), copied.</summary>
        /// <param name="values">The values, row-major.</param>
        /// <param name="shape">The extents; their product must be the number of values.</param>
        public static StateTensor FromSingle(ReadOnlySpan<float> values, params long[] shape) =>
            FromValues(TensorDType.F32, MemoryMarshal.AsBytes(values), values.Length, shape);

        /// <summary>A tensor of <c>double</c> values (<see cref="TensorDType.F64"/>), copied.</summary>
        /// <param name="values">The values, row-major.</param>
        /// <param name="shape">The extents; their product must be the number of values.</param>
        public static StateTensor FromDouble(ReadOnlySpan<double> values, params long[] shape) =>
            FromValues(TensorDType.F64, MemoryMarshal.AsBytes(values), values.Length, shape);

        /// <summary>A tensor of <c>long</c> values (<see cref="TensorDType.I64"/>), copied.</summary>
        /// <param name="values">The values, row-major.</param>
        /// <param name="shape">The extents; their product must be the number of values.</param>
        public static StateTensor FromInt64(ReadOnlySpan<long> values, params long[] shape) =>
            FromValues(TensorDType.I64, MemoryMarshal.AsBytes(values), values.Length, shape);

        /// <summary>A 64-bit integer scalar (shape <c>[]</c>), as PyTorch stores <c>num_batches_tracked</c>.</summary>
        public static StateTensor Scalar(long value) => FromInt64(new[] { value });

        /// <summary>A tensor of any element type from its raw little-endian bytes, copied.</summary>
        /// <param name="dtype">The element type.</param>
        /// <param name="littleEndianData">The values, row-major, little-endian.</param>
        /// <param name="shape">The extents; their product times the element size must be the number of bytes.</param>
        public static StateTensor FromBytes(TensorDType dtype, ReadOnlySpan<byte> littleEndianData, params long[] shape)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            long count = TensorShapes.ElementCountOrThrowArgument(shape);
            if (count * TensorDTypes.Size(dtype) != littleEndianData.Length)
            {
                throw new ArgumentException("Shape [" + string.Join(", ", shape) + "] of " + TensorDTypes.Name(dtype) + " needs "
                    + count * TensorDTypes.Size(dtype) + " bytes; " + littleEndianData.Length + " were given.", nameof(littleEndianData));
            }

            byte[] copy = littleEndianData.ToArray();
            return new StateTensor(dtype, (long[])shape.Clone(), new ArrayTensorBytes(copy, 0, copy.Length));
        }

        /// <summary>The raw little-endian bytes of the values.</summary>
        /// <exception cref="StateDictException">The tensor is larger than a span can address.</exception>
        /// <exception cref="ObjectDisposedException">The tensor was read from a mapped file that has been disposed.</exception>
        public ReadOnlySpan<byte> Data => _bytes.Span(null);

        /// <summary>The values as <c>float</c>, converted from the stored type; throws when one is not exactly representable.</summary>
        /// <exception cref="StateDictException">A value cannot be represented exactly, or the type has no conversion.</exception>
        public float[] ToSingleArray() => ToArray<float>(null);

        /// <summary>The values as <c>double</c>, converted from the stored type; throws when one is not exactly representable.</summary>
        /// <exception cref="StateDictException">A value cannot be represented exactly, or the type has no conversion.</exception>
        public double[] ToDoubleArray() => ToArray<double>(null);

        /// <summary>The values as <c>long</c>, converted from an integer or boolean type.</summary>
        /// <exception cref="StateDictException">A value does not fit, or the type is a floating-point one.</exception>
        public long[] ToInt64Array() => ToArray<long>(null);

        /// <summary>The element type and extents, for messages: <c>F32 [64, 1, 1, 1]</c>.</summary>
        public override string ToString() => TensorDTypes.Name(DType) + " " + TensorShapes.Describe(_shape);

        internal long[] ShapeArray => _shape;

        internal T[] ToArray<T>(string? name)
            where T : unmanaged
        {
            if (ElementCount > Array.MaxLength)
            {
                throw new StateDictException(name, "holds " + ElementCount + " values, more than one array can.");
            }

            var values = new T[ElementCount];
            ElementConversion.Convert(DType, _bytes.Span(name), values.AsSpan(), name);
            return values;
        }

        private static StateTensor FromValues(TensorDType dtype, ReadOnlySpan<byte> bytes, int count, long[] shape)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            long expected = TensorShapes.ElementCountOrThrowArgument(shape);
            if (expected != count)
            {
                throw new ArgumentException("Shape " + TensorShapes.Describe(shape) + " holds " + expected + " values; " + count + " were given.", nameof(shape));
            }

            byte[] data = bytes.ToArray();
            if (!BitConverter.IsLittleEndian) ElementConversion.ReverseEach(data, TensorDTypes.Size(dtype));
            return new StateTensor(dtype, (long[])shape.Clone(), new ArrayTensorBytes(data, 0, data.Length));
        }
    }
}
