using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Constant arguments of the generated constructor (<c>new BlockNorm(64)</c>, <c>new PlaneNorm(64, 8, 8)</c>) that it
    /// would reject with <c>ArgumentException</c>: a channel count that is not positive (NG0013) or not a multiple of
    /// <c>Groups</c> (NG0004), an element-wise extent that is not positive (NG0028). The same for the kept extents a
    /// scaler's constructor takes (<c>new PixelScaler(3, 0, 8)</c>). Each is reported at its argument.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LayerConstructionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.LayerConstruction);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var layers = NormalizeAttributes.Resolve(start.Compilation) is { } normalize ? LayerConfigurations.Lookup(normalize) : null;
                var scalers = NormGenAttributes.Resolve(start.Compilation) is { } all ? LayerConfigurations.ScalerLookup(all) : null;
                if (layers is null && scalers is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    operation => Analyze(operation, type => layers?.Invoke(type) ?? scalers?.Invoke(type)),
                    OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, System.Func<INamedTypeSymbol, LayerConfiguration?> configurationOf)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol type || configurationOf(type) is not { } configuration)
            {
                return;
            }

            var arguments = LayerConstruction.Arguments(creation, configuration);
            if (arguments is null)
            {
                return;
            }

            foreach (var extent in arguments.Where(e => e.Argument is not null && e.Value is not null))
            {
                var location = extent.Argument!.Syntax.GetLocation();
                int value = extent.Value!.Value;
                if (extent.Axis.Axis != Axis.C)
                {
                    if (value <= 0)
                    {
                        context.ReportDiagnostic(Rules.DimensionNotPositive.Diagnostic(
                            location, ("method", type.Name + "'s constructor"), ("parameter", extent.Axis.Axis.ParameterName()), ("value", Format(value))));
                    }
                }
                else if (value <= 0)
                {
                    context.ReportDiagnostic(Rules.ChannelsNotPositive.Diagnostic(
                        location, ("channels", Format(value)), ("fix", "pass " + type.Name + " the number of channels (features), a positive number")));
                }
                else if (configuration.HasGroups && value % configuration.Groups != 0)
                {
                    var multiples = GroupSuggestions.NearestMultiples(value, configuration.Groups);
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(
                        FixProperties.ChannelCandidates, string.Join(",", multiples.Select(m => Format(m))));
                    context.ReportDiagnostic(Rules.ChannelsNotDivisibleByGroups.Diagnostic(
                        location,
                        properties,
                        ("channels", Format(value)),
                        ("groups", Format(configuration.Groups)),
                        ("suggestion", GroupSuggestions.Describe(multiples) + " channels")));
                }
            }
        }

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
