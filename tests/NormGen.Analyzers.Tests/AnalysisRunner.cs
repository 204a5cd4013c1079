using System;
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
        /// <summary>Every analyzer the NormGen.Analyzers assembly exports, by name.</summary>
        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(PartialDeclarationAnalyzer).Assembly
            .GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
            "Sample",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Sample" + i + ".cs")),
            References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(UnifiedReferences));

        /// <summary>The runtime targets net8.0 and the compilation net10.0; the SDK silences these unification notes too.</summary>
        private static readonly ImmutableDictionary<string, ReportDiagnostic> UnifiedReferences =
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("CS1701", ReportDiagnostic.Suppress).Add("CS1702", ReportDiagnostic.Suppress);

        /// <summary>The generator's run on <paramref name="compilation"/>.</summary>
        public static GeneratorDriverRunResult Generate(Compilation compilation) =>
            CSharpGeneratorDriver.Create(new NormalizeGenerator().AsSourceGenerator())
                .WithUpdatedParseOptions(ParseOptions)
                .RunGenerators(compilation)
                .GetRunResult();

        /// <summary>The compiler's and the analyzers' diagnostics of <paramref name="source"/> with the generated code added.</summary>
        public static ImmutableArray<Diagnostic> CompileGenerateAndAnalyze(string source)
        {
            CSharpGeneratorDriver.Create(new NormalizeGenerator().AsSourceGenerator())
                .WithUpdatedParseOptions(ParseOptions)
                .RunGeneratorsAndUpdateCompilation(Compile(source), out var withGenerated, out _);
            return withGenerated.GetDiagnostics().AddRange(Analyze(withGenerated));
        }

        public static ImmutableArray<Diagnostic> Analyze(Compilation compilation) =>
            compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
