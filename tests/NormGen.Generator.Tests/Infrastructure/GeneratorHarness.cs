using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NormGen.Generator.Tests.Infrastructure
{
    /// <summary>One source file the generator added, by hint name.</summary>
    internal sealed record GeneratedSource(string HintName, string Text);

    /// <summary>What one run of <see cref="NormalizeGenerator"/> produced.</summary>
    /// <param name="Driver">The driver after the run; run it again to observe caching.</param>
    /// <param name="InputCompilation">The compilation the generator ran on.</param>
    /// <param name="OutputCompilation">The input plus the generated sources.</param>
    /// <param name="Sources">The generated sources, ordered by hint name.</param>
    /// <param name="GeneratorDiagnostics">Diagnostics the generator reported (including a thrown exception).</param>
    internal sealed record GeneratorRun(
        GeneratorDriver Driver,
        Compilation InputCompilation,
        Compilation OutputCompilation,
        ImmutableArray<GeneratedSource> Sources,
        ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        private readonly Lazy<ImmutableArray<Diagnostic>> _outputDiagnostics = new(() => OutputCompilation.GetDiagnostics());

        /// <summary>Every diagnostic of the output compilation (computed on first use: binding is the slow part).</summary>
        public ImmutableArray<Diagnostic> OutputDiagnostics => _outputDiagnostics.Value;

        public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

        /// <summary>The exception the generator threw, if any.</summary>
        public Exception? Exception => RunResult.Results.Single().Exception;

        public GeneratedSource Source(string hintName) =>
            Sources.SingleOrDefault(s => s.HintName == hintName)
            ?? throw new InvalidOperationException($"No generated source '{hintName}'. Generated: {string.Join(", ", Sources.Select(s => s.HintName))}");
    }

    /// <summary>Compiles C# in memory against the .NET 10 reference assemblies and the NormGen runtime, and runs the
    /// generator on it.</summary>
    internal static class GeneratorHarness
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        // Warning level 9999 turns on every warning wave. CS1701/CS1702 (a reference built against an older
        // System.Runtime, here the net8.0 runtime library, unified with the net10.0 one) are off by default in every
        // SDK project (NoWarn 1701;1702), so they are off here too; nothing else is suppressed.
        private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
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
            .Append(MetadataReference.CreateFromFile(typeof(NormalizeAttribute).Assembly.Location))
            .ToImmutableArray();

        public static SyntaxTree Parse(string source, string path = "Input.cs") =>
            CSharpSyntaxTree.ParseText(source, ParseOptions, path);

        public static CSharpCompilation Compile(params string[] sources) =>
            CSharpCompilation.Create(
                "NormGen.Generated.Input",
                sources.Select((s, i) => Parse(s, "Input" + i + ".cs")),
                References,
                CompilationOptions);

        public static GeneratorDriver CreateDriver() =>
            CSharpGeneratorDriver.Create(
                new[] { new NormalizeGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

        public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

        /// <summary>Runs <paramref name="driver"/> (fresh, or from an earlier run) on <paramref name="compilation"/>.</summary>
        public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
        {
            var next = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var sources = next.GetRunResult().Results
                .SelectMany(r => r.GeneratedSources)
                .Select(s => new GeneratedSource(s.HintName, s.SourceText.ToString()))
                .OrderBy(s => s.HintName, StringComparer.Ordinal)
                .ToImmutableArray();
            return new GeneratorRun(next, compilation, output, sources, generatorDiagnostics);
        }

        /// <summary>Diagnostics as lines "ID severity file(line,col): message", for failure messages.</summary>
        public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
            string.Join(Environment.NewLine, diagnostics.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                string where = d.Location.IsInSource
                    ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})"
                    : "(no location)";
                string line = d.Location.IsInSource
                    ? Environment.NewLine + "    " + d.Location.SourceTree!.GetText().Lines[span.StartLinePosition.Line].ToString().Trim()
                    : "";
                return $"{d.Id} {d.Severity} {where}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}{line}";
            }));
    }
}
