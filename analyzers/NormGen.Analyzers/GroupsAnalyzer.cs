using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>Groups that do not split the channels (NG0004, NG0011, NG0012), groupings that another
    /// configuration says plainly (NG0024, NG0025), and groups on an RMSNorm (NG0035).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GroupsAnalyzer : ConfigurationAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.Groups);

        internal override ImmutableDictionary<string, string?> FixProperties(ConfigurationProblem problem, NormalizeOptions options)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            var rule = Rules.ById(problem.Id);
            if (rule == Rules.ChannelsNotDivisibleByGroups || (rule == Rules.GroupsOutOfRange && options.Groups > 0 && options.Channels > 0))
            {
                return properties.Add(Analyzers.FixProperties.GroupCandidates, Candidates(options.Channels, options.Groups));
            }

            return rule == Rules.GroupsOutOfRange || rule == Rules.GroupsWithReducedChannels || rule == Rules.GroupsEqualChannelsIsInstanceNorm
                ? properties.Add(Analyzers.FixProperties.RemoveGroups, "true")
                : properties;
        }

        private static string Candidates(int channels, int groups) =>
            string.Join(",", GroupSuggestions.NearestDivisors(channels, groups).Select(d => d.ToString(CultureInfo.InvariantCulture)));
    }
}
