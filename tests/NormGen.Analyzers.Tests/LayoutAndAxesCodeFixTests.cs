using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.CodeFixTest<NormGen.Analyzers.LayoutAndAxesAnalyzer, NormGen.CodeFixes.LayoutAndAxesCodeFixProvider>;

namespace NormGen.Analyzers.Tests
{
    public class LayoutAndAxesCodeFixTests
    {
        private static string Layer(string arguments) =>
            "using NormGen;\n[Normalize(" + arguments + ")]\npublic partial class Norm { }\n";

        [Fact]
        public Task Corrects_a_mistyped_layout_letter() => Verify.VerifyAsync(
            Layer("""{|#0:Layout = "NCHX"|}, Axes = "N,H,W", Channels = 4"""),
            new[] { new DiagnosticResult(Rules.UnknownLayoutLetter.Descriptor).WithLocation(0).WithArguments("NCHX", "X") },
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 4"""),
            "NG0002:CorrectLayout");

        [Fact]
        public Task Corrects_a_lower_case_layout() => Verify.VerifySingleEditAsync(
            Layer("""{|#0:Layout = "nchw"|}, Axes = "N,H,W", Channels = 4"""),
            new[]
            {
                new DiagnosticResult(Rules.UnknownLayoutLetter.Descriptor).WithLocation(0).WithArguments("nchw", "n"),
                new DiagnosticResult(Rules.UnknownLayoutLetter.Descriptor).WithLocation(0).WithArguments("nchw", "c"),
                new DiagnosticResult(Rules.UnknownLayoutLetter.Descriptor).WithLocation(0).WithArguments("nchw", "h"),
                new DiagnosticResult(Rules.UnknownLayoutLetter.Descriptor).WithLocation(0).WithArguments("nchw", "w"),
            },
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 4"""),
            "NG0002:CorrectLayout");

        [Fact]
        public Task Corrects_a_repeated_layout_letter() => Verify.VerifyAsync(
            Layer("""{|#0:Layout = "NCHH"|}, Axes = "N,H", Channels = 4"""),
            new[] { new DiagnosticResult(Rules.RepeatedLayoutLetter.Descriptor).WithLocation(0).WithArguments("NCHH", "H") },
            Layer("""Layout = "NCHW", Axes = "N,H", Channels = 4"""),
            "NG0003:CorrectLayout");

        [Fact]
        public Task Offers_nothing_when_two_layouts_are_equally_close() => Verify.VerifyAsync(
            Layer("""{|#0:Layout = "NHW"|}, Axes = "N,H,W", Channels = 4"""),
            new[] { new DiagnosticResult(Rules.LayoutWithoutChannels.Descriptor).WithLocation(0).WithArguments("NHW") },
            Layer("""{|#0:Layout = "NHW"|}, Axes = "N,H,W", Channels = 4"""),
            null,
            new DiagnosticResult(Rules.LayoutWithoutChannels.Descriptor).WithLocation(0).WithArguments("NHW"));

        [Fact]
        public Task Separates_run_together_axes() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", {|#0:Axes = "N,HW"|}, Channels = 4"""),
            new[] { new DiagnosticResult(Rules.UnknownAxis.Descriptor).WithLocation(0).WithArguments("N,HW", "HW") },
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 4"""),
            "NG0008:CorrectAxes");

        [Fact]
        public Task Upper_cases_axes_keeping_the_separator_style() => Verify.VerifySingleEditAsync(
            Layer("""Layout = "NCHW", {|#0:Axes = "h, w"|}, Channels = 4"""),
            new[]
            {
                new DiagnosticResult(Rules.UnknownAxis.Descriptor).WithLocation(0).WithArguments("h, w", "h"),
                new DiagnosticResult(Rules.UnknownAxis.Descriptor).WithLocation(0).WithArguments("h, w", "w"),
            },
            Layer("""Layout = "NCHW", Axes = "H, W", Channels = 4"""),
            "NG0008:CorrectAxes");

        [Fact]
        public Task Replaces_an_axis_the_layout_lacks_by_the_one_it_has() => Verify.VerifyAsync(
            Layer("""Layout = "NCL", {|#0:Axes = "N,H"|}, Channels = 4"""),
            new[] { new DiagnosticResult(Rules.AxisNotInLayout.Descriptor).WithLocation(0).WithArguments("H", "NCL") },
            Layer("""Layout = "NCL", Axes = "N,L", Channels = 4"""),
            "NG0010:CorrectAxes");

        [Fact]
        public Task Replaces_a_repeated_axis_by_the_one_not_yet_reduced() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", {|#0:Axes = "N,H,H"|}, Channels = 4"""),
            new[] { new DiagnosticResult(Rules.RepeatedAxis.Descriptor).WithLocation(0).WithArguments("N,H,H", "H") },
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 4"""),
            "NG0009:CorrectAxes");
    }
}
