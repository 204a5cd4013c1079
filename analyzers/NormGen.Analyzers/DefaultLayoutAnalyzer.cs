using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Says which layout a <c>[Normalize]</c> without <c>Layout</c> gets (NG0033, Info): PyTorch's channels-first
    /// order, <see cref="DefaultLayout"/>. Silent while <c>Layout</c> or <c>Axes</c> has an error of its own, since
    /// the layout is then not settled.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DefaultLayoutAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The errors that leave the layout unsettled: those <see cref="LayoutAndAxesAnalyzer"/> reports.</summary>
        private static readonly ImmutableHashSet<string> LayoutAndAxesProblems =
            Rules.ReportedBy(Reporter.LayoutAndAxes).Select(r => r.Id).ToImmutableHashSet();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.DefaultLayout);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var attributes = NormalizeAttributes.Resolve(start.Compilation);
                if (attributes is not null)
                {
                    start.RegisterSymbolAction(symbol => Analyze(symbol, attributes), SymbolKind.NamedType);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, NormalizeAttributes attributes)
        {
            foreach (var attribute in attributes.On((INamedTypeSymbol)context.Symbol))
            {
                var options = NormalizeAttributeReader.Read(attribute);
                var syntax = NormalizeAttributes.Syntax(attribute, context.CancellationToken);
                if (syntax is null || options.Layout.Length > 0
                    || ConfigurationValidator.Validate(options).Problems.Any(p => LayoutAndAxesProblems.Contains(p.Id)))
                {
                    continue;
                }

                string layout = DefaultLayout.For(options.Axes);
                context.ReportDiagnostic(Rules.LayoutNotGiven.Diagnostic(
                    syntax.Name.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(FixProperties.DefaultLayout, layout),
                    ("layout", layout)));
            }
        }
    }
}
