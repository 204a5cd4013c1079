using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>BatchNorm declared with <c>Batch = 1</c> (NG0005). The call-site form is in <see cref="ForwardCallAnalyzer"/>.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BatchOfOneAnalyzer : ConfigurationAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.BatchOfOne);

        internal override ImmutableDictionary<string, string?> FixProperties(ConfigurationProblem problem, NormalizeOptions options)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            var instanceNorm = BatchOfOneRewrites.InstanceNorm(options);
            if (instanceNorm is not null)
            {
                properties = properties.Add(Analyzers.FixProperties.InstanceNormAxes, instanceNorm.Axes);
            }

            var groupNorm = BatchOfOneRewrites.GroupNorm(options);
            if (groupNorm is not null)
            {
                properties = properties
                    .Add(Analyzers.FixProperties.GroupNormAxes, groupNorm.Axes)
                    .Add(Analyzers.FixProperties.GroupNormGroups, groupNorm.Groups.ToString(CultureInfo.InvariantCulture));
            }

            return properties;
        }
    }
}
