using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.CodeFixTest<NormGen.Analyzers.GroupsAnalyzer, NormGen.CodeFixes.GroupsCodeFixProvider>;

namespace NormGen.Analyzers.Tests
{
    public class GroupsCodeFixTests
    {
        private static string Layer(string arguments) =>
            "using NormGen;\n[Normalize(" + arguments + ")]\npublic partial class Norm { }\n";

        [Theory]
        [InlineData(2)]
        [InlineData(5)]
        public Task Offers_each_nearest_divisor_of_the_channels(int groups) => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 10, {|#0:Groups = 4|}"""),
            new[] { new DiagnosticResult(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(0).WithArguments("10", "4", "Groups = 2, 5 or 10") },
            Layer("Layout = \"NCHW\", Axes = \"H,W\", Channels = 10, Groups = " + groups),
            "NG0004:Groups=" + groups);

        [Fact]
        public Task Offers_Groups_equal_to_channels_which_then_reads_as_InstanceNorm() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 10, {|#0:Groups = 4|}"""),
            new[] { new DiagnosticResult(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(0).WithArguments("10", "4", "Groups = 2, 5 or 10") },
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 10, {|#0:Groups = 10|}"""),
            "NG0004:Groups=10",
            new DiagnosticResult(Rules.GroupsEqualChannelsIsInstanceNorm.Descriptor).WithLocation(0).WithArguments("10"));

        [Fact]
        public Task Replaces_groups_larger_than_the_channels_by_a_divisor() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 4, {|#0:Groups = 8|}"""),
            new[] { new DiagnosticResult(Rules.GroupsOutOfRange.Descriptor).WithLocation(0).WithArguments("8", "4") },
            Layer("Layout = \"NCHW\", Axes = \"H,W\", Channels = 4, Groups = 2"),
            "NG0012:Groups=2");

        [Fact]
        public Task Removes_zero_groups() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", {|#0:Groups = 0|}, Channels = 4"""),
            new[] { new DiagnosticResult(Rules.GroupsOutOfRange.Descriptor).WithLocation(0).WithArguments("0", "4") },
            Layer("Layout = \"NCHW\", Axes = \"H,W\", Channels = 4"),
            "NG0012:RemoveGroups");

        [Fact]
        public Task Removes_groups_when_C_is_reduced() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "C,H,W", Channels = 4, {|#0:Groups = 2|}, Height = 8, Width = 8"""),
            new[] { new DiagnosticResult(Rules.GroupsWithReducedChannels.Descriptor).WithLocation(0).WithArguments("2", "C,H,W") },
            Layer("Layout = \"NCHW\", Axes = \"C,H,W\", Channels = 4, Height = 8, Width = 8"),
            "NG0011:RemoveGroups");

        [Fact]
        public Task Removes_groups_equal_to_channels() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 6, {|#0:Groups = 6|}"""),
            new[] { new DiagnosticResult(Rules.GroupsEqualChannelsIsInstanceNorm.Descriptor).WithLocation(0).WithArguments("6") },
            Layer("Layout = \"NCHW\", Axes = \"H,W\", Channels = 6"),
            "NG0025:RemoveGroups");
    }
}
