using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.DefaultLayoutAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class DefaultLayoutAnalyzerTests
    {
        private static string Layer(string attribute) => "using NormGen;\n[" + attribute + "]\npublic partial class Norm { }\n";

        [Theory]
        [InlineData("N,H,W", "NCHW")]
        [InlineData("H,W", "NCHW")]
        [InlineData("N", "NC")]
        [InlineData("C", "NC")]
        [InlineData("N,L", "NCL")]
        [InlineData("W,D,H", "NCDHW")]
        [InlineData("C,H,W", "NCHW")]
        public Task Omitted_layout_is_NG0033_naming_the_channels_first_layout_used(string axes, string layout) => Verify.VerifyAsync(
            Layer("{|#0:Normalize|}(Axes = \"" + axes + "\")"),
            Verify.Diagnostic(Rules.LayoutNotGiven.Descriptor).WithLocation(0).WithArguments(layout));

        [Fact]
        public Task Empty_layout_and_the_generic_attribute_are_reported_too() => Verify.VerifyAsync(
            "using NormGen;\n[{|#0:Normalize|}(Layout = \"\", Axes = \"N,H,W\")]\npublic partial class Norm { }\n"
            + "[{|#1:Normalize<double>|}(Axes = \"N,L\", Channels = 16)]\npublic partial class Wide { }\n",
            Verify.Diagnostic(Rules.LayoutNotGiven.Descriptor).WithLocation(0).WithArguments("NCHW"),
            Verify.Diagnostic(Rules.LayoutNotGiven.Descriptor).WithLocation(1).WithArguments("NCL"));

        [Theory]
        [InlineData("Normalize(Layout = \"NCHW\", Axes = \"N,H,W\")")]
        [InlineData("Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Groups = 8)")]
        [InlineData("Normalize(Axes = \"N,X\")")]
        [InlineData("Normalize(Axes = \"\")")]
        [InlineData("Normalize(Axes = \"N,N\")")]
        public Task Given_layout_or_axes_in_error_are_not_reported(string attribute) => Verify.VerifyAsync(Layer(attribute));
    }
}
