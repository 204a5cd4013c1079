using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.CodeFixTest<NormGen.Analyzers.DefaultLayoutAnalyzer, NormGen.CodeFixes.DefaultLayoutCodeFixProvider>;

namespace NormGen.Analyzers.Tests
{
    public class DefaultLayoutCodeFixTests
    {
        private const string Key = "NG0033:MakeLayoutExplicit";

        private static DiagnosticResult NotGiven(int location, string layout) =>
            new DiagnosticResult(Rules.LayoutNotGiven.Descriptor).WithLocation(location).WithArguments(layout);

        [Fact]
        public Task Inserts_the_default_layout_as_the_first_argument() => Verify.VerifyAsync(
            "using NormGen;\n[{|#0:Normalize|}(Axes = \"N,H,W\", Groups = 8)]\npublic partial class Norm { }\n",
            new[] { NotGiven(0, "NCHW") },
            "using NormGen;\n[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Groups = 8)]\npublic partial class Norm { }\n",
            Key);

        [Fact]
        public Task Fills_in_an_empty_layout_where_it_is_written() => Verify.VerifyAsync(
            "using NormGen;\n[{|#0:Normalize|}(Axes = \"N,L\", Layout = \"\")]\npublic partial class Norm { }\n",
            new[] { NotGiven(0, "NCL") },
            "using NormGen;\n[Normalize(Axes = \"N,L\", Layout = \"NCL\")]\npublic partial class Norm { }\n",
            Key);

        [Fact]
        public Task Fix_all_makes_every_layout_explicit() => Verify.VerifyAsync(
            "using NormGen;\n[{|#0:Normalize|}(Axes = \"N\")]\npublic partial class A { }\n[{|#1:Normalize<double>|}(Axes = \"D,H,W\")]\npublic partial class B { }\n",
            new[] { NotGiven(0, "NC"), NotGiven(1, "NCDHW") },
            "using NormGen;\n[Normalize(Layout = \"NC\", Axes = \"N\")]\npublic partial class A { }\n[Normalize<double>(Layout = \"NCDHW\", Axes = \"D,H,W\")]\npublic partial class B { }\n",
            Key);
    }
}
