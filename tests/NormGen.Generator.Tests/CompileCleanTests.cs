using System.Linq;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>For every valid configuration the generator reports nothing and its output compiles with no
    /// diagnostic at all: no error, no warning (every warning wave, nullable on), not even a hidden one.</summary>
    public sealed class CompileCleanTests
    {
        [Theory]
        [MemberData(nameof(ValidConfigurations.Data), MemberType = typeof(ValidConfigurations))]
        public void GeneratesOneSourceThatCompilesWithoutDiagnostics(ValidConfiguration configuration)
        {
            var run = GeneratorHarness.Run(LayerSource.Class(configuration.Name, configuration.Attribute));

            Assert.Null(run.Exception);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + GeneratorHarness.Describe(run.GeneratorDiagnostics));
            Assert.Single(run.Sources);
            Assert.True(run.OutputDiagnostics.IsEmpty, "Output compilation diagnostics:\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
        }

        [Theory]
        [InlineData("""Normalize(Layout = "NCDHWL", Axes = "D,H,W,L")""")]
        [InlineData("""Normalize<double>(Layout = "DLCWNH", Axes = "H,L,W,D", Activation = NormActivation.GeluTanh)""")]
        [InlineData("""Normalize(Layout = "NDHWLC", Axes = "N,D,H,W,L")""")]
        public void EveryAxisGivenPerCallOrToTheConstructorCompilesWithoutDiagnostics(string attribute)
        {
            // Six extents not fixed in the attribute: the most a shape check takes.
            var run = GeneratorHarness.Run(LayerSource.Class("SixAxes", attribute));

            Assert.Null(run.Exception);
            Assert.Single(run.Sources);
            Assert.True(run.OutputDiagnostics.IsEmpty, "Output compilation diagnostics:\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
        }

        [Fact]
        public void AllConfigurationsTogetherCompileWithoutDiagnostics()
        {
            var sources = ValidConfigurations.All.Select(c => LayerSource.Class(c.Name, c.Attribute)).ToArray();

            var run = GeneratorHarness.Run(sources);

            Assert.Null(run.Exception);
            Assert.Equal(ValidConfigurations.All.Count, run.Sources.Length);
            Assert.True(run.OutputDiagnostics.IsEmpty, "Output compilation diagnostics:\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
        }

        [Fact]
        public void UserTypesAndMembersNamedLikeTheRuntimeTypesDoNotChangeTheGeneratedCode()
        {
            // The generated code names Unsafe, MemoryMarshal and Vector through NG-prefixed aliases: types and members
            // of the same plain names around the layer must neither clash with them nor be bound instead.
            const string source = @"using NormGen;
namespace Sample
{
    public static class Vector { public static int Count => 0; }
    public static class Unsafe { }
    public static class MemoryMarshal { }
    public partial class Outer
    {
        private sealed class Unsafe { }
        [Normalize(Layout = ""NHWC"", Axes = ""N,H,W"", Channels = 3)]
        public partial class Norm
        {
            private int Vector => 1;
            private static void MemoryMarshal() { }
        }
    }
}
";

            var run = GeneratorHarness.Run(source);

            Assert.Null(run.Exception);
            Assert.Single(run.Sources);
            Assert.True(run.OutputDiagnostics.IsEmpty, "Output compilation diagnostics:\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
        }

        [Fact]
        public void TheInputAloneCompilesWithoutDiagnostics()
        {
            // Guards the test itself: a diagnostic in the output must come from the generated code.
            var compilation = GeneratorHarness.Compile(ValidConfigurations.All.Select(c => LayerSource.Class(c.Name, c.Attribute)).ToArray());

            Assert.Empty(compilation.GetDiagnostics());
        }
    }
}
