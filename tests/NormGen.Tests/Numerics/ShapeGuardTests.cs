using System;
using System.Linq;
using NormGen.Runtime;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>The runtime's shape helpers the generated layers call: ShapeGuard.ElementCount for every number of
    /// per-call extents, its errors in the order the checks run, DescribeShape, and Buffers.Clear/Reset.</summary>
    [Trait("Category", "Numerics")]
    public sealed class ShapeGuardTests
    {
        private static readonly string[] Names = { "batch", "channels", "depth", "height", "width", "length" };

        // The overload for extents.Length per-call extents, as a generated layer calls it.
        private static int Count(long fixedProduct, params int[] extents)
        {
            string format = "(" + string.Join(", ", extents.Select((_, i) => Names[i] + "={" + i + "}").Append("C=" + fixedProduct)) + ")";
            string names = string.Join(", ", Names.Take(extents.Length));
            return extents.Length switch
            {
                0 => ShapeGuard.ElementCount(format, fixedProduct),
                1 => ShapeGuard.ElementCount(format, names, fixedProduct, extents[0]),
                2 => ShapeGuard.ElementCount(format, names, fixedProduct, extents[0], extents[1]),
                3 => ShapeGuard.ElementCount(format, names, fixedProduct, extents[0], extents[1], extents[2]),
                4 => ShapeGuard.ElementCount(format, names, fixedProduct, extents[0], extents[1], extents[2], extents[3]),
                5 => ShapeGuard.ElementCount(format, names, fixedProduct, extents[0], extents[1], extents[2], extents[3], extents[4]),
                _ => ShapeGuard.ElementCount(format, names, fixedProduct, extents[0], extents[1], extents[2], extents[3], extents[4], extents[5]),
            };
        }

        [Theory]
        [InlineData(64L, new int[0], 64)]
        [InlineData(64L, new[] { 3 }, 192)]
        [InlineData(1L, new[] { 2, 5 }, 10)]
        [InlineData(16L, new[] { 4, 8, 8 }, 4096)]
        [InlineData(1L, new[] { 2, 3, 5, 7 }, 210)]
        [InlineData(3L, new[] { 2, 3, 5, 7, 11 }, 6930)]
        [InlineData(1L, new[] { 2, 3, 5, 7, 11, 13 }, 30030)]
        [InlineData(1L, new[] { int.MaxValue }, int.MaxValue)]
        [InlineData(2L, new[] { 1, 1073741823, 1 }, 2147483646)]
        public void Counts_the_elements_for_every_number_of_extents(long fixedProduct, int[] extents, int expected) =>
            Assert.Equal(expected, Count(fixedProduct, extents));

        [Theory]
        [InlineData(new[] { 0 }, 0)]
        [InlineData(new[] { 2, -1 }, 1)]
        [InlineData(new[] { 4, 8, 0 }, 2)]
        [InlineData(new[] { 1, 1, 1, -7 }, 3)]
        [InlineData(new[] { 1, 1, 1, 1, 0 }, 4)]
        [InlineData(new[] { 1, 1, 1, 1, 1, -5 }, 5)]
        [InlineData(new[] { 1 << 30, 1 << 30, -2 }, 2)]
        public void A_non_positive_extent_is_named_before_any_overflow(int[] extents, int bad)
        {
            var exception = Assert.Throws<ArgumentException>(() => Count(64L, extents));
            Assert.Equal(Names[bad], exception.ParamName);
            Assert.Equal(
                FormattableString.Invariant($"Dimension '{Names[bad]}' must be positive, but was {extents[bad]}. (Parameter '{Names[bad]}')"),
                exception.Message);
        }

        [Fact]
        public void The_first_negative_of_several_is_the_one_named()
        {
            var exception = Assert.Throws<ArgumentException>(() => Count(1L, 5, -2, -3));
            Assert.Equal("channels", exception.ParamName);
        }

        [Theory]
        [InlineData(64L, new[] { 1 << 26 }, 1L << 32)]
        [InlineData(1L, new[] { 1 << 16, 1 << 15, 2 }, 1L << 31)]
        [InlineData(4L, new[] { 1, 1 << 30, 3, 5 }, 1L << 32)]
        [InlineData(2L, new[] { 3, 5, 7, 1 << 29, 2 }, 105L << 30)]
        [InlineData(1L, new[] { 2, 2, 2, 2, 1 << 27, 1 }, 1L << 31)]
        public void A_shape_too_large_for_a_span_names_the_shape_and_the_count_where_it_overflowed(long fixedProduct, int[] extents, long count)
        {
            var exception = Assert.Throws<ArgumentException>(() => Count(fixedProduct, extents));
            string shape = ShapeGuard.DescribeShape(
                "(" + string.Join(", ", extents.Select((_, i) => Names[i] + "={" + i + "}").Append("C=" + fixedProduct)) + ")", extents);
            Assert.Equal(FormattableString.Invariant($"Shape {shape} has {count} elements, more than a span can hold ({int.MaxValue})."), exception.Message);
        }

        [Fact]
        public void Fixed_extents_too_large_for_a_span_are_refused_with_or_without_per_call_extents()
        {
            long saturated = (long)int.MaxValue + 1;
            var allFixed = Assert.Throws<ArgumentException>(() => ShapeGuard.ElementCount("(N=65536, C=32768)", saturated));
            Assert.Contains("Shape (N=65536, C=32768) has 2147483648 elements", allFixed.Message, StringComparison.Ordinal);
            var withBatch = Assert.Throws<ArgumentException>(() => ShapeGuard.ElementCount("(N={0}, C=65536, W=32768)", "batch", saturated, 1));
            Assert.Contains("Shape (N=1, C=65536, W=32768) has 2147483648 elements", withBatch.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void DescribeShape_fills_the_extents_into_the_format()
        {
            Assert.Equal("(N=2, C=64)", ShapeGuard.DescribeShape("(N=2, C=64)"));
            Assert.Equal("(N=3, H=-1, W=1000000, C=64)", ShapeGuard.DescribeShape("(N={0}, H={1}, W={2}, C=64)", 3, -1, 1000000));
            Assert.Equal("(N=1, C=2, D=3, H=4, W=5)", ShapeGuard.DescribeShape("(N={0}, C={1}, D={2}, H={3}, W={4})", 1, 2, 3, 4, 5));
        }

        [Fact]
        public void Clear_and_Reset_set_both_arrays_or_the_one_given()
        {
            float[] weight = { 3, 4 }, bias = { 5, 6 };
            Buffers.Clear(weight, bias);
            Assert.Equal(new float[] { 0, 0 }, weight);
            Assert.Equal(new float[] { 0, 0 }, bias);

            double[] gamma = { 7, 8, 9 };
            Buffers.Clear(gamma, null);
            Assert.Equal(new double[] { 0, 0, 0 }, gamma);

            float[] variance = { 0.5f, 2 }, mean = { -1, 1 };
            Buffers.Reset(variance, 1f, mean);
            Assert.Equal(new float[] { 1, 1 }, variance);
            Assert.Equal(new float[] { 0, 0 }, mean);

            double[] scale = { 0.25, 0.75 };
            Buffers.Reset(scale, 1d, null);
            Assert.Equal(new double[] { 1, 1 }, scale);
        }
    }
}
