using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.LayoutAndAxesAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class LayoutAndAxesAnalyzerTests
    {
        private static string Layer(string arguments) =>
            "using NormGen;\n[Normalize(" + arguments + ")]\npublic partial class Norm { }\n";

        [Fact]
        public Task Unknown_layout_letter_is_NG0002() => Verify.VerifyAsync(
            Layer("""{|#0:Layout = "NCHX"|}, Axes = "N,H", Channels = 4"""),
            Verify.Diagnostic(Rules.UnknownLayoutLetter.Descriptor).WithLocation(0).WithArguments("NCHX", "X"));

        [Fact]
        public Task Repeated_layout_letter_is_NG0003() => Verify.VerifyAsync(
            Layer("""{|#0:Layout = "NCHH"|}, Axes = "N,H", Channels = 4"""),
            Verify.Diagnostic(Rules.RepeatedLayoutLetter.Descriptor).WithLocation(0).WithArguments("NCHH", "H"));

        [Fact]
        public Task Layout_without_C_is_NG0006() => Verify.VerifyAsync(
            Layer("""{|#0:Layout = "NHW"|}, Axes = "N,H,W", Channels = 4"""),
            Verify.Diagnostic(Rules.LayoutWithoutChannels.Descriptor).WithLocation(0).WithArguments("NHW"));

        [Fact]
        public Task Empty_axes_is_NG0007_at_the_argument() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", {|#0:Axes = " , "|}, Channels = 4"""),
            Verify.Diagnostic(Rules.EmptyAxes.Descriptor).WithLocation(0).WithArguments(" , "));

        [Fact]
        public Task Missing_axes_is_NG0007_at_the_attribute() => Verify.VerifyAsync(
            "using NormGen;\n[{|#0:Normalize(Layout = \"NCHW\", Channels = 4)|}]\npublic partial class Norm { }\n",
            Verify.Diagnostic(Rules.EmptyAxes.Descriptor).WithLocation(0).WithArguments(""));

        [Fact]
        public Task Unknown_axis_is_NG0008() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", {|#0:Axes = "N,X"|}, Channels = 4"""),
            Verify.Diagnostic(Rules.UnknownAxis.Descriptor).WithLocation(0).WithArguments("N,X", "X"));

        [Fact]
        public Task Repeated_axis_is_NG0009() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", {|#0:Axes = "N,H,H"|}, Channels = 4"""),
            Verify.Diagnostic(Rules.RepeatedAxis.Descriptor).WithLocation(0).WithArguments("N,H,H", "H"));

        [Fact]
        public Task Axis_not_in_layout_is_NG0010() => Verify.VerifyAsync(
            Layer("""Layout = "NCL", {|#0:Axes = "N,H"|}, Channels = 4"""),
            Verify.Diagnostic(Rules.AxisNotInLayout.Descriptor).WithLocation(0).WithArguments("H", "NCL"));

        [Theory]
        [InlineData("NC", "N")]
        [InlineData("NCL", "N,L")]
        [InlineData("NLC", "C")]
        [InlineData("LNC", "L")]
        [InlineData("NHWC", "N, H, W")]
        [InlineData("NCDHW", "N,D,H,W")]
        [InlineData("NDHWC", "D,H,W")]
        public Task Valid_layouts_and_axes_are_not_reported(string layout, string axes) => Verify.VerifyAsync(
            Layer("Layout = \"" + layout + "\", Axes = \"" + axes + "\", Channels = 4, Length = 3, Depth = 2, Height = 2, Width = 2"));
    }
}
