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
    internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public AnalyzerTest(string source, params DiagnosticResult[] expected)
        {
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.All);
            TestCode = source;
            ExpectedDiagnostics.AddRange(expected);
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
            new AnalyzerTest<TAnalyzer>(source, expected).RunAsync(CancellationToken.None);

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
    }
}
