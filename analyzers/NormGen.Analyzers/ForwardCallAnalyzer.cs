using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Constant arguments of the generated <c>Forward</c> and <c>Backward</c> fast overloads that contradict the
    /// layer's declaration: a batch of one in training (NG0005), an extent that is not positive (NG0028), spans
    /// whose visible lengths cannot match the shape (NG0029 to NG0031), one value per statistic in training (NG0032).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ForwardCallAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.ForwardCall);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var attributes = NormalizeAttributes.Resolve(start.Compilation);
                if (attributes is null)
                {
                    return;
                }

                var configurationOf = LayerConfigurations.Lookup(attributes);
                start.RegisterOperationAction(operation => Analyze(operation, configurationOf), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, System.Func<INamedTypeSymbol, LayerConfiguration?> configurationOf)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name is not ("Forward" or "Backward") || method.IsStatic)
            {
                return;
            }

            var configuration = configurationOf(method.ContainingType);
            var call = configuration is null
                ? null
                : LayerCall.Match(invocation, configuration, LayerConstruction.VisibleExtents(invocation.Instance, configuration, context.CancellationToken));
            // A constructed extent that is not positive is reported at the construction, which throws.
            if (call is null || ReportNonPositiveExtents(context, call) || call.Extents.Any(e => e.Value <= 0))
            {
                return;
            }

            // RMSNorm is well defined on one value per statistic and never mixes samples by accident: nothing to report.
            if (call.IsForward && call.Configuration.Center && TrainingVisibility.Trains(invocation, context.CancellationToken))
            {
                ReportTrainingStatistics(context, call, invocation);
            }

            ReportSpanLengths(context, call);
        }

        private static bool ReportNonPositiveExtents(OperationAnalysisContext context, LayerCall call)
        {
            bool reported = false;
            foreach (var extent in call.Extents.Where(e => e.Argument is not null && e.Value <= 0))
            {
                context.ReportDiagnostic(Rules.DimensionNotPositive.Diagnostic(
                    extent.Argument!.Syntax.GetLocation(),
                    ("method", call.Method),
                    ("parameter", extent.Axis.Axis.ParameterName()),
                    ("value", Format(extent.Value!.Value))));
                reported = true;
            }

            return reported;
        }

        private static void ReportTrainingStatistics(OperationAnalysisContext context, LayerCall call, IInvocationOperation invocation)
        {
            var reduced = call.Extents.Where(e => e.Axis.Reduced).ToArray();
            if (ChannelsPerGroup(call) == 1 && reduced.All(e => e.Value == 1))
            {
                context.ReportDiagnostic(Rules.SingleValuePerStatisticAtCall.Diagnostic(
                    invocation.Syntax.GetLocation(),
                    ("method", call.Method),
                    ("extents", string.Join(", ", reduced.Select(e => e.Describe()))),
                    ("axes", call.Configuration.AxesText)));
                return;
            }

            var batch = call.Extents.FirstOrDefault(e => e.Axis.Axis == Axis.N);
            if (batch is { Argument: not null, Value: 1, Axis.Reduced: true })
            {
                context.ReportDiagnostic(Rules.BatchOfOne.Diagnostic(
                    batch.Argument.Syntax.GetLocation(),
                    ("axes", call.Configuration.AxesText),
                    ("batch", call.Method + " is called with batch = 1 in training")));
            }
        }

        /// <summary>The channels that share a statistic besides the reduced axes: 1 without groups, the group size with
        /// them, null when the channel count is given to a constructor out of sight.</summary>
        private static int? ChannelsPerGroup(LayerCall call)
        {
            var configuration = call.Configuration;
            if (!configuration.HasGroups)
            {
                return 1;
            }

            int? channels = call.Extents.First(e => e.Axis.Axis == Axis.C).Value;
            return channels / configuration.Groups;
        }

        private static void ReportSpanLengths(OperationAnalysisContext context, LayerCall call)
        {
            var model = context.Operation.SemanticModel;
            if (model is null)
            {
                return;
            }

            var visible = new List<(IArgumentOperation Argument, int Length)>();
            foreach (var span in call.Spans)
            {
                if (span.Syntax is ArgumentSyntax syntax && VisibleSpanLength.Of(syntax.Expression, model, context.CancellationToken) is int length)
                {
                    visible.Add((span, length));
                }
            }

            var known = call.Extents.Where(e => e.IsKnown).ToArray();
            long knownProduct = known.Aggregate(1L, (product, e) => product * e.Value!.Value);
            bool allKnown = known.Length == call.Extents.Length;
            var fitting = new List<(IArgumentOperation Argument, int Length)>();
            foreach (var (argument, length) in visible)
            {
                if (allKnown && length != knownProduct)
                {
                    context.ReportDiagnostic(Rules.SpanLengthMismatch.Diagnostic(
                        argument.Syntax.GetLocation(),
                        ("span", argument.Parameter!.Name),
                        ("length", Format(length)),
                        ("shape", call.Configuration.LayoutText + " (" + string.Join(", ", call.Extents.Select(e => Format(e.Value!.Value))) + ")"),
                        ("needed", Format(knownProduct))));
                }
                else if (!allKnown && (length == 0 || length % knownProduct != 0))
                {
                    context.ReportDiagnostic(Rules.SpanLengthNotMultiple.Diagnostic(
                        argument.Syntax.GetLocation(),
                        ("span", argument.Parameter!.Name),
                        ("length", Format(length)),
                        ("product", Format(knownProduct)),
                        ("extents", string.Join(", ", known.Select(e => e.Describe())))));
                }
                else
                {
                    fitting.Add((argument, length));
                }
            }

            ReportDifferentLengths(context, call, fitting);
        }

        private static void ReportDifferentLengths(OperationAnalysisContext context, LayerCall call, List<(IArgumentOperation Argument, int Length)> fitting)
        {
            for (int i = 1; i < fitting.Count; i++)
            {
                if (fitting[i].Length != fitting[0].Length)
                {
                    context.ReportDiagnostic(Rules.SpanLengthsDiffer.Diagnostic(
                        fitting[i].Argument.Syntax.GetLocation(),
                        ("first", fitting[0].Argument.Parameter!.Name),
                        ("firstLength", Format(fitting[0].Length)),
                        ("other", fitting[i].Argument.Parameter!.Name),
                        ("otherLength", Format(fitting[i].Length)),
                        ("method", call.Method)));
                }
            }
        }

        private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
