using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>Turns a <see cref="ConfigurationProblem"/> into a diagnostic at the attribute argument it is about.</summary>
    internal static class ConfigurationRules
    {
        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
        {
            DiagnosticDescriptors.UnknownLayoutLetter,
            DiagnosticDescriptors.RepeatedLayoutLetter,
            DiagnosticDescriptors.ChannelsNotDivisibleByGroups,
            DiagnosticDescriptors.BatchOfOne,
            DiagnosticDescriptors.LayoutWithoutChannels,
            DiagnosticDescriptors.EmptyAxes,
            DiagnosticDescriptors.UnknownAxis,
            DiagnosticDescriptors.RepeatedAxis,
            DiagnosticDescriptors.AxisNotInLayout,
            DiagnosticDescriptors.GroupsWithReducedChannels,
            DiagnosticDescriptors.GroupsOutOfRange,
            DiagnosticDescriptors.ChannelsNotPositive,
            DiagnosticDescriptors.DimensionNegative,
            DiagnosticDescriptors.EpsilonOutOfRange,
            DiagnosticDescriptors.MomentumOutOfRange,
            DiagnosticDescriptors.SingleValuePerStatistic,
            DiagnosticDescriptors.RunningStatsNotAllowed,
            DiagnosticDescriptors.UnsupportedElementType,
            DiagnosticDescriptors.CumulativeAverageWithMomentum,
            DiagnosticDescriptors.FixedDimensionOfAbsentAxis,
            DiagnosticDescriptors.GroupsOneIsLayerNorm,
            DiagnosticDescriptors.GroupsEqualChannelsIsInstanceNorm,
            DiagnosticDescriptors.MomentumWithoutRunningStats,
            DiagnosticDescriptors.RmsNormWithRunningStats,
            DiagnosticDescriptors.RmsNormWithGroups,
            DiagnosticDescriptors.UnknownActivation,
        }.ToDictionary(d => d.Id);

        /// <summary>The descriptor of a configuration problem's ID.</summary>
        public static DiagnosticDescriptor DescriptorFor(string id) => ById[id];

        /// <summary>Where the problem is shown: the argument named by <see cref="ConfigurationProblem.Property"/>,
        /// or the whole attribute when that property is not written.</summary>
        public static Location LocationOf(AttributeSyntax attribute, ConfigurationProblem problem) =>
            (NormalizeAttributes.Argument(attribute, problem.Property) ?? (SyntaxNode)attribute).GetLocation();

        public static Diagnostic Create(AttributeSyntax attribute, ConfigurationProblem problem, ImmutableDictionary<string, string?> properties) =>
            Diagnostic.Create(DescriptorFor(problem.Id), LocationOf(attribute, problem), properties, MessageArguments(problem));

        /// <summary>How NG0013's message says to fix a declared channel count.</summary>
        private const string DeclaredChannelsFix = "set Channels to the number of channels (features), a positive number, or leave it out and pass the count to the constructor";

        /// <summary>The validator's arguments, plus what the declaration form of a shared message needs.</summary>
        private static object[] MessageArguments(ConfigurationProblem problem)
        {
            var arguments = problem.Arguments.Cast<object>().ToArray();
            switch (problem.Id)
            {
                case DiagnosticIds.BatchOfOne:
                    return arguments.Concat(new object[] { "Batch = 1" }).ToArray();
                case DiagnosticIds.ChannelsNotPositive:
                    return arguments.Concat(new object[] { DeclaredChannelsFix }).ToArray();
                case DiagnosticIds.ChannelsNotDivisibleByGroups:
                    return new[] { arguments[0], arguments[1], "Groups = " + arguments[2] };
                default:
                    return arguments;
            }
        }
    }
}
