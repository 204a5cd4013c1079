using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.GroupsAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class GroupsAnalyzerTests
    {
        private static string Layer(string arguments) =>
            "using NormGen;\n[Normalize(" + arguments + ")]\npublic partial class Norm { }\n";

        [Fact]
        public Task Groups_on_an_RMSNorm_is_NG0035() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 8, {|#0:Groups = 2|}, Center = false"""),
            Verify.Diagnostic(Rules.RmsNormWithGroups.Descriptor).WithLocation(0).WithArguments("2"));

        [Fact]
        public Task Channels_not_divisible_by_groups_is_NG0004_naming_the_nearest_divisors() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 10, {|#0:Groups = 4|}"""),
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(0).WithArguments("10", "4", "Groups = 2, 5 or 10"));

        [Fact]
        public Task Groups_with_C_reduced_is_NG0011() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "C,H,W", Channels = 4, {|#0:Groups = 2|}, Height = 8, Width = 8"""),
            Verify.Diagnostic(Rules.GroupsWithReducedChannels.Descriptor).WithLocation(0).WithArguments("2", "C,H,W"));

        [Theory]
        [InlineData(0)]
        [InlineData(-2)]
        [InlineData(8)]
        public Task Groups_out_of_range_is_NG0012(int groups) => Verify.VerifyAsync(
            Layer("Layout = \"NCHW\", Axes = \"H,W\", Channels = 4, {|#0:Groups = " + groups + "|}"),
            Verify.Diagnostic(Rules.GroupsOutOfRange.Descriptor).WithLocation(0).WithArguments(groups.ToString(System.Globalization.CultureInfo.InvariantCulture), "4"));

        [Fact]
        public Task Groups_one_is_the_NG0024_suggestion() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 6, {|#0:Groups = 1|}"""),
            Verify.Diagnostic(Rules.GroupsOneIsLayerNorm.Descriptor).WithLocation(0).WithArguments("6"));

        [Fact]
        public Task Groups_equal_to_channels_is_the_NG0025_suggestion() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 6, {|#0:Groups = 6|}"""),
            Verify.Diagnostic(Rules.GroupsEqualChannelsIsInstanceNorm.Descriptor).WithLocation(0).WithArguments("6"));

        [Theory]
        [InlineData("Layout = \"NCHW\", Axes = \"H,W\", Channels = 6, Groups = 3")]
        [InlineData("Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 6, Groups = 2")]
        [InlineData("Layout = \"NCHW\", Axes = \"H,W\", Channels = 6")]
        public Task Valid_groups_are_not_reported(string arguments) => Verify.VerifyAsync(Layer(arguments));
    }
}
