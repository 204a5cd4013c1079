using System;
using System.Linq;
using CsCheck;
using NormGen.Configuration;

namespace NormGen.Generator.Tests.Configuration
{
    /// <summary>The divisors offered when <c>Channels % Groups != 0</c>: the <c>count</c> divisors nearest the
    /// requested group count by ratio (2 and 8 are equally near 4), ascending, ties going to the smaller divisor.</summary>
    public sealed class GroupSuggestionsTests
    {
        [Theory]
        // 10 has divisors 1, 2, 5, 10 at ratios 4, 2, 1.25, 2.5 from 4: the nearest three are 5, 2, 10 (the example).
        [InlineData(10, 4, 3, new[] { 2, 5, 10 })]
        // 12 asked for 5: 6 (ratio 1.2), 4 (1.25), 3 (1.67).
        [InlineData(12, 5, 3, new[] { 3, 4, 6 })]
        [InlineData(12, 5, 1, new[] { 6 })]
        // 64 asked for 12 groups: 16 (1.33), 8 (1.5), 32 (2.67); 4 is 3 away by ratio.
        [InlineData(64, 12, 3, new[] { 8, 16, 32 })]
        // 20 asked for 3: 4 (ratio 1.33), 2 (1.5), 5 (1.67).
        [InlineData(20, 3, 3, new[] { 2, 4, 5 })]
        // A prime has only itself and 1.
        [InlineData(7, 3, 3, new[] { 1, 7 })]
        [InlineData(30, 100, 2, new[] { 15, 30 })]
        [InlineData(0, 3, 3, new int[0])]
        public void OffersTheNearestDivisorsInAscendingOrder(int channels, int requested, int count, int[] expected)
        {
            Assert.Equal(expected, GroupSuggestions.NearestDivisors(channels, requested, count));
        }

        [Fact]
        public void OffersThreeByDefault()
        {
            Assert.Equal(3, GroupSuggestions.NearestDivisors(48, 7).Count);
        }

        [Fact]
        public void TheChosenDivisorsAreNeverFartherThanAnyOther()
        {
            Gen.Select(Gen.Int[1, 512], Gen.Int[-4, 600], Gen.Int[1, 6]).Sample((channels, requested, count) =>
            {
                var chosen = GroupSuggestions.NearestDivisors(channels, requested, count);
                var divisors = Enumerable.Range(1, channels).Where(d => channels % d == 0).ToList();
                var others = divisors.Except(chosen).ToList();

                Assert.Equal(Math.Min(count, divisors.Count), chosen.Count);
                Assert.All(chosen, d => Assert.Contains(d, divisors));
                Assert.Equal(chosen.OrderBy(d => d), chosen);
                Assert.Equal(chosen.Count, chosen.Distinct().Count());
                // Ratios max(d, t) / min(d, t), compared exactly by cross-multiplication.
                long t = Math.Max(requested, 1);
                foreach (int c in chosen)
                {
                    foreach (int o in others)
                    {
                        long nearer = Math.Max(c, t) * Math.Min(o, t);
                        long farther = Math.Max(o, t) * Math.Min(c, t);
                        Assert.True(nearer < farther || (nearer == farther && c < o), $"C={channels}, G={requested}: chose {c} over {o}");
                    }
                }
            });
        }

        [Theory]
        [InlineData(new int[0], "")]
        [InlineData(new[] { 5 }, "5")]
        [InlineData(new[] { 2, 5 }, "2 or 5")]
        [InlineData(new[] { 1, 2, 5 }, "1, 2 or 5")]
        public void DescribesTheSuggestionsAsAList(int[] values, string expected)
        {
            Assert.Equal(expected, GroupSuggestions.Describe(values));
        }
    }
}
