using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NormGen.Runtime;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Buffers.AlignedSlice, which starts a kernel's stack scratch at a cache line.</summary>
    [Trait("Category", "Numerics")]
    public sealed class AlignedSliceTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(5)]
        [InlineData(1024)]
        public void Starts_at_a_cache_line_for_every_start_of_the_stack_span(int length)
        {
            // Every 4-byte-aligned start a cache line allows: the slice begins at the boundary, holds the length asked
            // and lies inside the span.
            Span<float> stack = stackalloc float[length + 16 + 16];
            for (int shift = 0; shift < 16; shift++)
            {
                Span<float> span = stack.Slice(shift, length + 16);
                Span<float> slice = Buffers.AlignedSlice(span, length);
                Assert.Equal(length, slice.Length);
                long offset = Offset(span, slice);
                Assert.InRange(offset, 0, 15);
                Assert.Equal(0L, Address(slice) % Buffers.CacheLineBytes);
            }

            Span<double> doubles = stackalloc double[length + 8 + 8];
            for (int shift = 0; shift < 8; shift++)
            {
                Span<double> slice = Buffers.AlignedSlice(doubles.Slice(shift, length + 8), length);
                Assert.Equal(length, slice.Length);
                Assert.Equal(0L, Address(slice) % Buffers.CacheLineBytes);
            }
        }

        [Fact]
        public void A_span_without_room_to_align_throws()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => SliceOfAMisalignedSpanWithoutRoom());
        }

        private static int SliceOfAMisalignedSpanWithoutRoom()
        {
            Span<float> stack = stackalloc float[32];
            int misaligned = 0;
            while (Address(stack.Slice(misaligned)) % Buffers.CacheLineBytes == 0)
            {
                misaligned++;
            }

            return Buffers.AlignedSlice(stack.Slice(misaligned, 8), 8).Length;
        }

        private static unsafe long Address<T>(Span<T> span) where T : unmanaged =>
            (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

        private static long Offset(Span<float> span, Span<float> slice) => (Address(slice) - Address(span)) / sizeof(float);
    }
}
