using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Configuration;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests.Configuration
{
    /// <summary>Reading the attribute and the annotated class from Roslyn symbols.</summary>
    public sealed class ReaderTests
    {
        [Fact]
        public void ReadsEveryPropertyAndRecordsWhichWereWritten()
        {
            var options = ReadAttribute("""
                [NormGen.Normalize<double>(Layout = "NDHWC", Axes = "D,H,W", Groups = 2, Channels = 6, Batch = 3, Length = 9,
                    Depth = 4, Height = 5, Width = 7, Epsilon = 0.5, Momentum = 0.25, CumulativeAverage = true, Affine = false,
                    TrackRunningStats = true, Center = false, Activation = NormGen.NormActivation.GeluTanh,
                    Residual = NormGen.NormResidual.BeforeNorm)]
                partial class Norm { }
                """);

            Assert.Equal(
                new NormalizeOptions
                {
                    Layout = "NDHWC", Axes = "D,H,W", Groups = 2, GroupsSet = true, Channels = 6, Batch = 3, Length = 9,
                    Depth = 4, Height = 5, Width = 7, Epsilon = 0.5, EpsilonSet = true, Momentum = 0.25, MomentumSet = true,
                    CumulativeAverage = true, Affine = false, TrackRunningStats = true, Center = false, ElementType = "double",
                    Activation = 4, Residual = 2,
                },
                options);
        }

        [Fact]
        public void LeavesUnwrittenPropertiesAtTheirDefaults()
        {
            var options = ReadAttribute("""[NormGen.Normalize(Layout = "NC", Axes = "N", Channels = 2)] partial class Norm { }""");

            Assert.Equal(new NormalizeOptions { Layout = "NC", Axes = "N", Channels = 2 }, options);
            Assert.Null(options.TrackRunningStats);
            Assert.False(options.GroupsSet);
            Assert.False(options.MomentumSet);
            Assert.False(options.EpsilonSet);
            Assert.True(options.Center);
            Assert.Equal(0, options.Activation);
            Assert.Equal(0, options.Residual);
            Assert.Equal("float", options.ElementType);
        }

        [Theory]
        [InlineData("float", "float")]
        [InlineData("double", "double")]
        [InlineData("int", "int")]
        [InlineData("System.Half", "System.Half")]
        public void NamesTheElementTypeOfTheGenericForm(string typeArgument, string expected)
        {
            var options = ReadAttribute($$"""[NormGen.Normalize<{{typeArgument}}>(Layout = "NC", Axes = "N", Channels = 2)] partial class Norm { }""");

            Assert.Equal(expected, options.ElementType);
        }

        [Theory]
        [InlineData("namespace S { [NormGen.Normalize] public partial class Norm { } }", new string[0])]
        [InlineData("namespace S { [NormGen.Normalize] public class Norm { } }", new[] { "NG0001 Norm" })]
        [InlineData("namespace S { [NormGen.Normalize] public static partial class Norm { } }", new[] { "NG0023 Norm" })]
        [InlineData("namespace S { public class Outer { [NormGen.Normalize] public partial class Norm { } } }", new[] { "NG0001 Outer" })]
        [InlineData("namespace S { public class Outer { [NormGen.Normalize] public static class Norm { } } }", new[] { "NG0023 Norm", "NG0001 Outer", "NG0001 Norm" })]
        public void FindsWhatKeepsTheGeneratorFromCompletingTheClass(string source, string[] expected)
        {
            var type = Annotated(GeneratorHarness.Compile(source));

            var problems = TargetTypeReader.FindProblems(type);

            Assert.Equal(expected, problems.Select(p => p.Id + " " + p.TypeName));
            Assert.All(problems, p => Assert.True(p.Location is { IsInSource: true }));
        }

        [Fact]
        public void DescribesTheContainingTypesOutermostFirst()
        {
            var type = Annotated(GeneratorHarness.Compile("""
                namespace S
                {
                    public partial record Model<TIn, TOut>
                    {
                        public partial struct Block
                        {
                            [NormGen.Normalize] public partial class Norm { }
                        }
                    }
                }
                """));

            var chain = TargetTypeReader.ContainingTypes(type).Select(TargetTypeReader.Describe).Select(d => d.PartialDeclaration);

            Assert.Equal(new[] { "partial record Model<TIn, TOut>", "partial struct Block" }, chain);
            Assert.Equal("partial class Norm", TargetTypeReader.Describe(type).PartialDeclaration);
        }

        [Theory]
        [MemberData(nameof(ValidConfigurations.Data), MemberType = typeof(ValidConfigurations))]
        public void EveryValidConfigurationReadsAndValidatesWithoutErrorsOrWarnings(ValidConfiguration configuration)
        {
            var result = ConfigurationValidator.Validate(ReadAttribute(LayerSource.Class(configuration.Name, configuration.Attribute)));

            Assert.DoesNotContain(result.Problems, p => p.Severity != ProblemSeverity.Info);
            Assert.NotNull(result.Configuration);
            Assert.Equal(configuration.RunningStats, result.Configuration.TrackRunningStats);
            Assert.Equal(configuration.Affine, result.Configuration.Affine != AffineKind.None);
            Assert.Equal(configuration.Layout, result.Configuration.LayoutText);
        }

        private static NormalizeOptions ReadAttribute(string source)
        {
            var type = Annotated(GeneratorHarness.Compile(source));
            return NormalizeAttributeReader.Read(type.GetAttributes().Single());
        }

        private static INamedTypeSymbol Annotated(Compilation compilation)
        {
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            return tree.GetRoot().DescendantNodes()
                .OfType<ClassDeclarationSyntax>()
                .Select(c => model.GetDeclaredSymbol(c)!)
                .Single(t => t.GetAttributes().Any(a => TransformAttributes.Is(a.AttributeClass, "NormalizeAttribute")));
        }
    }
}
