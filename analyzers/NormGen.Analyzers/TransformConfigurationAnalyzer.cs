using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Reads every <c>[WeightNormalize]</c>, <c>[MinMaxScaler]</c> and <c>[StandardScaler]</c> attribute (and generic
    /// form) with the readers the generator uses, checks it with <see cref="WeightNormValidator"/> or
    /// <see cref="ScalerValidator"/>, and reports each problem (NG0040 to NG0048) at the argument it is about.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TransformConfigurationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.TransformConfiguration);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var attributes = NormGenAttributes.Resolve(start.Compilation);
                if (attributes is not null)
                {
                    start.RegisterSymbolAction(symbol => Analyze(symbol, attributes), SymbolKind.NamedType);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, NormGenAttributes attributes)
        {
            foreach (var attribute in context.Symbol.GetAttributes())
            {
                var problems = Problems(attribute, attributes);
                if (problems.Count == 0)
                {
                    continue;
                }

                var syntax = NormalizeAttributes.Syntax(attribute, context.CancellationToken);
                if (syntax is null)
                {
                    continue;
                }

                foreach (var problem in problems)
                {
                    if ((Rules.ById(problem.Id).Reporters & Reporter.TransformConfiguration) != 0)
                    {
                        context.ReportDiagnostic(ConfigurationRules.Create(syntax, problem, ImmutableDictionary<string, string?>.Empty));
                    }
                }
            }
        }

        /// <summary>What the validators find wrong with <paramref name="attribute"/>; empty for any other attribute.</summary>
        private static EquatableArray<ConfigurationProblem> Problems(AttributeData attribute, NormGenAttributes attributes)
        {
            if (attributes.IsWeightNormalize(attribute))
            {
                return WeightNormValidator.Validate(WeightNormalizeAttributeReader.Read(attribute)).Problems;
            }

            return attributes.ScalerKindOf(attribute) is ScalerKind kind
                ? ScalerValidator.Validate(ScalerAttributeReader.Read(attribute, kind)).Problems
                : EquatableArray<ConfigurationProblem>.Empty;
        }
    }
}
