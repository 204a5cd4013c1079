using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NormGen.Generator;

namespace NormGen.Transforms.Tests.Generator
{
    /// <summary>Compiles C# in memory against the .NET 10 reference assemblies and the NormGen runtime, and runs the
    /// generator on it.</summary>
    internal static class Harness
    {
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        // Every warning wave on; CS1701/CS1702 (the net8.0 runtime library unified with net10.0) are off in every SDK project.
        private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

        private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(WeightNormalizeAttribute).Assembly.Location))
            .ToImmutableArray();

        public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
            "Transforms.Input",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, "Input" + i + ".cs")),
            References,
            Options);

        public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
            new[] { new NormalizeGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator; returns the driver, the generated sources by hint name, and the diagnostics of the
        /// generator and of the output compilation.</summary>
        public static (GeneratorDriver Driver, IReadOnlyDictionary<string, string> Sources, ImmutableArray<Diagnostic> Diagnostics) Run(GeneratorDriver driver, Compilation compilation)
        {
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            if (result.Exception is not null)
            {
                throw new InvalidOperationException("The generator threw.", result.Exception);
            }

            var sources = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            return (driver, sources, generatorDiagnostics.AddRange(output.GetDiagnostics()));
        }

        public static (GeneratorDriver Driver, IReadOnlyDictionary<string, string> Sources, ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources) =>
            Run(CreateDriver(), Compile(sources));

        public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
            string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
    }
}
