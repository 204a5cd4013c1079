using System.Threading.Tasks;
using NormGen.CodeFixes;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.CodeFixTest<NormGen.Analyzers.PartialDeclarationAnalyzer, NormGen.CodeFixes.PartialDeclarationCodeFixProvider>;

namespace NormGen.Analyzers.Tests
{
    public class PartialDeclarationCodeFixTests
    {
        private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NotPartial(int location, string type, string annotated) =>
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Rules.NotPartial.Descriptor).WithLocation(location).WithArguments(type, annotated);

        [Fact]
        public Task Adds_partial_after_the_other_modifiers() => Verify.VerifyAsync(
            """
            using NormGen;
            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            public sealed class {|#0:Norm|} { }
            """,
            new[] { NotPartial(0, "Norm", "Norm") },
            """
            using NormGen;
            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            public sealed partial class Norm { }
            """,
            "NG0001:AddPartial");

        [Fact]
        public Task Adds_partial_to_a_class_without_modifiers_keeping_its_indentation() => Verify.VerifyAsync(
            """
            using NormGen;
            namespace Models
            {
                [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                class {|#0:Norm|} { }
            }
            """,
            new[] { NotPartial(0, "Norm", "Norm") },
            """
            using NormGen;
            namespace Models
            {
                [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                partial class Norm { }
            }
            """,
            "NG0001:AddPartial");

        [Fact]
        public Task Adds_partial_to_the_containing_types() => Verify.VerifyAsync(
            """
            using NormGen;
            public class {|#0:Outer|}
            {
                internal record {|#1:Middle|}
                {
                    [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                    public partial class Norm { }
                }
            }
            """,
            new[] { NotPartial(0, "Outer", "Norm"), NotPartial(1, "Middle", "Norm") },
            """
            using NormGen;
            public partial class Outer
            {
                internal partial record Middle
                {
                    [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                    public partial class Norm { }
                }
            }
            """,
            "NG0001:AddPartial");
    }
}
