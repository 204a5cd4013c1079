using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>Values out of range and options that contradict the rest of the configuration.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigurationValuesAnalyzer : ConfigurationAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.ConfigurationValues);
    }
}
