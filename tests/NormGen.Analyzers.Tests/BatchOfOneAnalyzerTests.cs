using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.BatchOfOneAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class BatchOfOneAnalyzerTests
    {
        private static string Layer(string arguments) =>
            "using NormGen;\n[Normalize(" + arguments + ")]\npublic partial class Norm { }\n";

        [Fact]
        public Task BatchNorm_declared_with_batch_one_is_NG0005() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 4, {|#0:Batch = 1|}"""),
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(0).WithArguments("N,H,W", "Batch = 1"));

        [Theory]
        [InlineData("Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 4, Batch = 2")]
        [InlineData("Layout = \"NCHW\", Axes = \"H,W\", Channels = 4, Batch = 1")]
        [InlineData("Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 4")]
        public Task Other_batches_and_configurations_are_not_reported(string arguments) => Verify.VerifyAsync(Layer(arguments));
    }
}
