using System.Threading.Tasks;
using Xunit;

namespace NormGen.Analyzers.Tests
{
    public class SmokeTests
    {
        [Fact]
        public Task NotDivisible() => AnalyzerTest<GroupsAnalyzer>.VerifyAsync(
            """
            using NormGen;
            [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 10, {|#0:Groups = 4|})]
            public partial class Norm { }
            """,
            AnalyzerTest<GroupsAnalyzer>.Diagnostic(DiagnosticDescriptors.ChannelsNotDivisibleByGroups).WithLocation(0).WithArguments("10", "4", "2, 5 or 10"));
    }
}
