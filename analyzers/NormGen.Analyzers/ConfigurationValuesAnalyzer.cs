using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NormGen.Analyzers
{
    /// <summary>Values out of range and options that contradict the rest of the configuration.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigurationValuesAnalyzer : ConfigurationAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ChannelsNotPositive,
            DiagnosticDescriptors.DimensionNegative,
            DiagnosticDescriptors.EpsilonOutOfRange,
            DiagnosticDescriptors.MomentumOutOfRange,
            DiagnosticDescriptors.SingleValuePerStatistic,
            DiagnosticDescriptors.RunningStatsNotAllowed,
            DiagnosticDescriptors.UnsupportedElementType,
            DiagnosticDescriptors.CumulativeAverageWithMomentum,
            DiagnosticDescriptors.FixedDimensionOfAbsentAxis,
            DiagnosticDescriptors.MomentumWithoutRunningStats,
            DiagnosticDescriptors.RmsNormWithRunningStats,
            DiagnosticDescriptors.UnknownActivation);
    }
}
