using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Generator;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Runs every NormGen analyzer and the generator on one compilation, as the IDE and the build do.</summary>
    internal static class AnalysisRunner
    {
        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new PartialDeclarationAnalyzer(),
            new LayoutAndAxesAnalyzer(),
            new GroupsAnalyzer(),
            new BatchOfOneAnalyzer(),
            new ConfigurationValuesAnalyzer(),
            new ForwardCallAnalyzer());

        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
            "Sample",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Sample" + i + ".cs")),
            References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        /// <summary>The generator's run on <paramref name="compilation"/>.</summary>
        public static GeneratorDriverRunResult Generate(Compilation compilation) =>
            CSharpGeneratorDriver.Create(new NormalizeGenerator().AsSourceGenerator())
                .WithUpdatedParseOptions(ParseOptions)
                .RunGenerators(compilation)
                .GetRunResult();

        public static ImmutableArray<Diagnostic> Analyze(Compilation compilation) =>
            compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
