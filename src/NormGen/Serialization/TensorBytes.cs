using System;

namespace NormGen.Serialization
{
    /// <summary>Where a tensor's raw little-endian bytes are: an array in memory, or a range of a mapped file.</summary>
    internal abstract class TensorBytes
    {
        public abstract long Length { get; }

        /// <summary>The bytes; only valid while their owner (a mapped file) is open.</summary>
        public abstract ReadOnlySpan<byte> Span(string? tensorName);
    }

    internal sealed class ArrayTensorBytes : TensorBytes
    {
        private readonly byte[] _array;
        private readonly int _start;
        private readonly int _length;

        public ArrayTensorBytes(byte[] array, int start, int length)
        {
            _array = array;
            _start = start;
            _length = length;
        }

        public override long Length => _length;

        public override ReadOnlySpan<byte> Span(string? tensorName) => new ReadOnlySpan<byte>(_array, _start, _length);
    }
}
