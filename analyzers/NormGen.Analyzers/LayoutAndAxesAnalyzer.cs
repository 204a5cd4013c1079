using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>Layouts and reduction axes that do not describe a tensor (NG0002, NG0003, NG0006 to NG0010).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LayoutAndAxesAnalyzer : ConfigurationAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.LayoutAndAxes);

        internal override ImmutableDictionary<string, string?> FixProperties(ConfigurationProblem problem, NormalizeOptions options)
        {
            string? replacement = problem.Property switch
            {
                "Layout" => SpellingCorrections.Layout(options),
                "Axes" => SpellingCorrections.Axes(options),
                _ => null,
            };
            return replacement is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(Analyzers.FixProperties.Replacement, replacement);
        }
    }
}
