using NormGen.Configuration;
using Xunit;

namespace NormGen.Analyzers.Tests
{
    /// <summary>The values the analyzers propose: group counts, spelling corrections and the GroupNorm group count.</summary>
    public class SuggestionTests
    {
        [Theory]
        [InlineData(10, 4, new[] { 2, 5, 10 })]
        [InlineData(64, 3, new[] { 2, 4, 8 })]
        [InlineData(64, 48, new[] { 32, 64 })]
        [InlineData(3, 2, new[] { 1, 3 })]
        [InlineData(12, 5, new[] { 4, 6, 3 })]
        public void Group_suggestions_are_the_divisors_nearest_by_ratio(int channels, int groups, int[] expected)
        {
            var suggested = GroupSuggestions.NearestDivisors(channels, groups, expected.Length);
            Assert.Equal(System.Linq.Enumerable.OrderBy(expected, d => d), suggested);
            Assert.All(suggested, d => Assert.Equal(0, channels % d));
        }

        [Theory]
        [InlineData(30, 8, new[] { 24, 32 })]
        [InlineData(3, 8, new[] { 8 })]
        [InlineData(65, 32, new[] { 64, 96 })]
        [InlineData(2147483647, 2, new[] { 2147483646 })]
        public void Channel_suggestions_are_the_multiples_of_the_groups_below_and_above(int channels, int groups, int[] expected)
        {
            var suggested = GroupSuggestions.NearestMultiples(channels, groups);
            Assert.Equal(expected, suggested);
            Assert.All(suggested, c => Assert.Equal(0, c % groups));
        }

        [Theory]
        [InlineData(64, 8)]
        [InlineData(30, 0)]
        public void Channel_suggestions_are_empty_when_the_count_is_valid_or_there_are_no_groups(int channels, int groups) =>
            Assert.Empty(GroupSuggestions.NearestMultiples(channels, groups));

        [Theory]
        [InlineData("NCHX", "NCHW")]
        [InlineData("nchw", "NCHW")]
        [InlineData("NCHH", "NCHW")]
        [InlineData("NCHWW", "NCHW")]
        [InlineData("NHCW", null)]
        [InlineData("NHW", null)]
        [InlineData("NCWX", null)]
        public void Layout_is_corrected_only_to_a_single_close_match(string written, string? expected)
        {
            var options = new NormalizeOptions { Layout = written, Axes = "N,H,W", Channels = 4 };
            Assert.Equal(expected, SpellingCorrections.Layout(options));
        }

        [Theory]
        [InlineData("NCHW", "N,HW", "N,H,W")]
        [InlineData("NCHW", "n, h, w", "N, H, W")]
        [InlineData("NCL", "N,W", "N,L")]
        [InlineData("NCHW", "N,H,H", "N,H,W")]
        [InlineData("NCHW", "N,X,Y", null)]
        [InlineData("NCDHW", "N,X", null)]
        public void Axes_are_corrected_only_when_the_correction_is_unique(string layout, string written, string? expected)
        {
            var options = new NormalizeOptions { Layout = layout, Axes = written, Channels = 4 };
            Assert.Equal(expected, SpellingCorrections.Axes(options));
        }

        [Theory]
        [InlineData(64, 32)]
        [InlineData(48, 24)]
        [InlineData(16, 8)]
        [InlineData(6, 3)]
        [InlineData(7, 0)]
        public void GroupNorm_rewrite_picks_the_proper_divisor_nearest_to_32(int channels, int expected) =>
            Assert.Equal(expected, BatchOfOneRewrites.GroupCount(channels));

        [Theory]
        [InlineData("NCHX", "NCHW", 1)]
        [InlineData("NCHW", "NCWH", 1)]
        [InlineData("NCHW", "NC", 2)]
        [InlineData("", "NCL", 3)]
        public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
            Assert.Equal(expected, SpellingCorrections.EditDistance(a, b));
    }
}
