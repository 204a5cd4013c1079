using System;
using System.Linq;
using NormGen.Runtime;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>Buffers.Accumulate, which adds a Backward call's parameter gradients to those accumulated before.</summary>
    [Trait("Category", "Numerics")]
    public sealed class AccumulateTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(33)]
        [InlineData(4096)]
        public void Adds_each_element_as_the_scalar_sum_and_leaves_the_rest(int count)
        {
            var random = new Random(count);
            float[] total = Enumerable.Range(0, count + 5).Select(_ => (float)random.NextDouble()).ToArray();
            float[] step = Enumerable.Range(0, count + 3).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            float[] expected = total.Select((t, i) => i < count ? t + step[i] : t).ToArray();
            Buffers.Accumulate(total, step, count);
            Assert.Equal(expected, total);

            double[] totalD = total.Select(t => (double)t).ToArray();
            double[] stepD = step.Select(t => (double)t * 3).ToArray();
            double[] expectedD = totalD.Select((t, i) => i < count ? t + stepD[i] : t).ToArray();
            Buffers.Accumulate(totalD, stepD, count);
            Assert.Equal(expectedD, totalD);
        }

        [Fact]
        public void A_count_beyond_either_array_throws_and_changes_nothing()
        {
            float[] total = { 1, 2, 3 };
            float[] step = { 1, 1 };
            Assert.Throws<ArgumentOutOfRangeException>(() => Buffers.Accumulate(total, step, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => Buffers.Accumulate(total, new float[4], 4));
            Assert.Throws<ArgumentOutOfRangeException>(() => Buffers.Accumulate(total, step, -1));
            Assert.Equal(new float[] { 1, 2, 3 }, total);
        }
    }
}
