using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace NormGen.Analyzers.Tests
{
    /// <summary>An analyzer test on the offline references, with the latest language version.</summary>
    /// <remarks>With <c>withGenerator</c> the NormGen generator runs too, so calls of the generated members bind.</remarks>
    internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        private readonly bool _withGenerator;

        public AnalyzerTest(string source, bool withGenerator, params DiagnosticResult[] expected)
        {
            _withGenerator = withGenerator;
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.All);
            TestCode = source;
            ExpectedDiagnostics.AddRange(expected);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override IEnumerable<System.Type> GetSourceGenerators() =>
            _withGenerator ? new[] { typeof(NormGen.Generator.NormalizeGenerator) } : System.Type.EmptyTypes;

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
            new AnalyzerTest<TAnalyzer>(source, false, expected).RunAsync(CancellationToken.None);

        public static Task VerifyWithGeneratorAsync(string source, params DiagnosticResult[] expected) =>
            new AnalyzerTest<TAnalyzer>(source, true, expected).RunAsync(CancellationToken.None);

        /// <summary>Runs with a second source file, named and written as the caller gives it (for example generated code).</summary>
        public static Task VerifyWithGeneratorAsync(string source, (string Name, string Text) other, params DiagnosticResult[] expected)
        {
            var test = new AnalyzerTest<TAnalyzer>(source, true, expected);
            test.TestState.Sources.Add((other.Name, other.Text));
            return test.RunAsync(CancellationToken.None);
        }

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);
    }

    /// <summary>A code-fix test on the offline references.</summary>
    internal sealed class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public CodeFixTest(string source, string fixedSource, IEnumerable<DiagnosticResult> expected, string? equivalenceKey = null)
        {
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.All);
            FixedState.AdditionalReferences.AddRange(References.All);
            TestCode = source;
            FixedCode = fixedSource;
            ExpectedDiagnostics.AddRange(expected);
            CodeActionEquivalenceKey = equivalenceKey;
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        /// <summary>Applies the fix with <paramref name="equivalenceKey"/> to <paramref name="source"/> and compares with
        /// <paramref name="fixedSource"/>; <paramref name="remaining"/> are the diagnostics the fixed code still has.</summary>
        public static Task VerifyAsync(string source, DiagnosticResult[] expected, string fixedSource, string? equivalenceKey, params DiagnosticResult[] remaining) =>
            Create(source, expected, fixedSource, equivalenceKey, remaining).RunAsync(CancellationToken.None);

        /// <summary>As <see cref="VerifyAsync"/> for several diagnostics on one span (one per wrong letter), all fixed by one edit.</summary>
        public static Task VerifySingleEditAsync(string source, DiagnosticResult[] expected, string fixedSource, string equivalenceKey)
        {
            var test = Create(source, expected, fixedSource, equivalenceKey, System.Array.Empty<DiagnosticResult>());
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            return test.RunAsync(CancellationToken.None);
        }

        private static CodeFixTest<TAnalyzer, TCodeFix> Create(string source, DiagnosticResult[] expected, string fixedSource, string? equivalenceKey, DiagnosticResult[] remaining)
        {
            var test = new CodeFixTest<TAnalyzer, TCodeFix>(source, fixedSource, expected, equivalenceKey);
            test.FixedState.ExpectedDiagnostics.AddRange(remaining);
            return test;
        }
    }
}
