using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Reads every NormGen attribute with the parser the generator uses, checks it with
    /// <see cref="ConfigurationValidator"/>, and reports the problems whose IDs this analyzer supports.
    /// </summary>
    public abstract class ConfigurationAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
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

        /// <summary>Extra data a code fix needs for <paramref name="problem"/> (empty by default).</summary>
        internal virtual ImmutableDictionary<string, string?> FixProperties(ConfigurationProblem problem, NormalizeOptions options) =>
            ImmutableDictionary<string, string?>.Empty;

        private void Analyze(SymbolAnalysisContext context, NormalizeAttributes attributes)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var attribute in attributes.On(type))
            {
                var syntax = NormalizeAttributes.Syntax(attribute, context.CancellationToken);
                if (syntax is null)
                {
                    continue;
                }

                var options = NormalizeAttributeReader.Read(attribute);
                var result = ConfigurationValidator.Validate(options);
                foreach (var problem in result.Problems)
                {
                    if (SupportedDiagnostics.Any(d => d.Id == problem.Id))
                    {
                        context.ReportDiagnostic(ConfigurationRules.Create(syntax, problem, FixProperties(problem, options)));
                    }
                }
            }
        }
    }
}
