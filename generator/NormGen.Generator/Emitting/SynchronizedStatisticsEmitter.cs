using System.Globalization;
using System.Linq;
using NormGen.Configuration;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the synchronised members of a layer whose statistics reduce the batch axis and are per channel or per group
    /// of channels (BatchNorm in every layout, batch-group norm): the two halves of a training step for any collective
    /// (local moments, then Forward from merged moments; local gradient sums, then the input gradient from merged sums)
    /// and <c>ForwardSynchronized</c>/<c>BackwardSynchronized</c>, which run a whole step over an
    /// <c>ICollective</c>. The kernels are the runtime's <c>SynchronizedStatistics&lt;T&gt;</c>, which views the tensor as
    /// (axes before C) × C × (axes after C); this emitter writes the shape checks, the mapping of the extents to that
    /// view, and the layer's own state (parameters, running statistics, what Backward may follow).
    /// </summary>
    internal static class SynchronizedStatisticsEmitter
    {
        private const string State = "global::NormGen.Distributed.SynchronizedStatistics";
        private const string Guard = "global::NormGen.Distributed.SynchronizedGuard";
        private const string Collective = "global::NormGen.Distributed.ICollective";

        /// <summary>The interface the layer implements beside <c>INormalizationLayer&lt;T&gt;</c>, or null.</summary>
        public static string? Interface(LayerContext c) =>
            c.Plan.Synchronized ? $"global::NormGen.Distributed.ISynchronizedNormalizationLayer<{c.T}>" : null;

        public static void Emit(IndentedWriter w, LayerContext c)
        {
            if (!c.Plan.Synchronized)
            {
                return;
            }

            var view = new View(c);
            EmitState(w, c, view);
            EmitForwardHalves(w, c, view);
            EmitForwardSynchronized(w, c, view);
            EmitBackwardHalves(w, c, view);
            EmitBackwardSynchronized(w, c, view);
            EmitFullShapeOverloads(w, c);
        }

        /// <summary>The statistic count, the state and what it recorded, and the element count of a synchronised call: as
        /// ElementCount, but a batch of 0 (a rank whose slice is empty) is allowed.</summary>
        private static void EmitState(IndentedWriter w, LayerContext c, View v)
        {
            var configuration = c.Configuration;
            string channels = configuration.ChannelsAtConstruction ? DimensionNames.Field(Axis.C.ParameterName()) : Names.Int(configuration.Channels);
            string groupSize = configuration.HasGroups ? $"{channels} / {Names.Int(configuration.Groups)}" : "1";
            string statistics = configuration.HasGroups ? Names.Int(configuration.Groups) : channels;
            string count = $"{ElementCount}({c.DimensionList})";
            if (v.BatchPerCall)
            {
                string ofOne = $"{ElementCount}({string.Join(", ", c.Dimensions.Select(d => d == "batch" ? "1" : d))}) * 0";
                count = $"{Guard}.CheckBatch(batch) == 0 ? {ofOne} : {count}";
            }

            w.Template($$"""
                /// <inheritdoc/>
                public int {{SynchronizedStatisticCount}} => {{statistics}};

                // Synchronised state (made by the first call), its last training Forward's shape; whether ForwardSynchronized last ran in eval mode.
                private {{v.StateType}}? {{SynchronizedField}};
                {{c.DimensionNames.RecordedField(SynchronizedField)}}
                private bool {{SynchronizedEvalField}};

                private {{v.StateType}} {{SynchronizedState}} => {{SynchronizedField}} ??= new {{v.StateType}}({{channels}}, {{groupSize}}, {{Names.DoubleLiteral(configuration.Epsilon)}}, "{{Description(c)}}");

                private static int {{SynchronizedElementCount}}({{string.Join(", ", c.Dimensions.Select(d => $"int {d}"))}}) => {{count}};

                """);
        }

        // Compared across ranks (with the channel count) before the first exchange.
        private static string Description(LayerContext c)
        {
            var configuration = c.Configuration;
            string momentum = configuration.CumulativeAverage ? "cumulative" : configuration.Momentum.ToString("R", CultureInfo.InvariantCulture);
            string epsilon = configuration.Epsilon.ToString("R", CultureInfo.InvariantCulture);
            string flags = $"affine {(c.Affine ? "yes" : "no")}, running statistics {(c.Tracks ? "yes" : "no")}";
            return $"{configuration.LayoutText} over {configuration.AxesText}, groups {Names.Int(configuration.Groups)}, eps {epsilon}, momentum {momentum}, {flags}, {c.T}";
        }

        /// <summary>The start of a synchronised public method: the constructed extents' locals, the element count and the
        /// span lengths.</summary>
        private static string Checks(LayerContext c, params string[] spans) =>
            $"{c.DimensionNames.ConstructedLocals}{ShapeEmitter.CountedLengthChecks(c, SynchronizedElementCount, spans)}";

        private static void EmitForwardHalves(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            string momentum = c.Configuration.CumulativeAverage ? $"1d / {NumBatchesTracked}" : Names.DoubleLiteral(c.Configuration.Momentum);
            string running = c.Tracks ? $"{NumBatchesTracked}++;\nstate.UpdateRunningStatistics(moments, {RunningMean}, {RunningVar}, {momentum});" : "";
            w.Template($$"""
                /// <summary>First half of a synchronised training Forward: this rank's moments into <paramref name="moments"/>.</summary>
                public void {{ComputeLocalMoments}}({{Names.ReadOnlySpan}}<{{T}}> input, {{Names.Span}}<double> moments{{c.CallParameters}})
                {
                    {{Checks(c, "input")}}
                    {{SynchronizedState}}.LocalMoments(input, {{v.Outer}}, {{v.Inner}}, moments);
                }

                /// <summary>Second half of a synchronised training Forward: normalises with every rank's merged <paramref name="moments"/>.</summary>
                public void {{ForwardFromMoments}}({{Names.ReadOnlySpan}}<{{T}}> input, {{Names.Span}}<{{T}}> output, {{Names.ReadOnlySpan}}<double> moments{{c.CallParameters}})
                {
                    {{Checks(c, "input", "output")}}
                    if (!{{Training}}) {{Guard}}.ThrowEvalMode(nameof({{ForwardFromMoments}}));
                    {{ForwardWithMoments}}({{SynchronizedState}}, input, output, moments{{c.DimensionArguments}});
                }

                // Normalise with merged moments: at least two values per statistic on all ranks together, then y, the running statistics
                // from the merged moments, and the shape Backward must have. A plain Backward cannot follow (its statistics are local).
                private void {{ForwardWithMoments}}({{v.StateType}} state, {{Names.ReadOnlySpan}}<{{T}}> input, {{Names.Span}}<{{T}}> output, {{Names.ReadOnlySpan}}<double> moments{{c.DimensionParameters}})
                {
                    double smallest = state.SmallestCount(moments);
                    if (!(smallest > 1d)) {{Guard}}.ThrowSingleValue({{DescribeShape}}({{c.DimensionList}}), "{{c.Configuration.AxesText}}", smallest);
                    state.Normalize(input, output, {{v.Outer}}, {{v.Inner}}, moments, {{v.Weight}}, {{v.Bias}});
                    {{running}}
                    {{HasForwardField}} = false;
                    {{SynchronizedEvalField}} = false;
                    {{c.DimensionNames.Record(SynchronizedField)}}
                }

                """);
        }

        private static void EmitForwardSynchronized(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            w.Template($$"""
                /// <summary>Forward with statistics merged over the ranks of <paramref name="collective"/> in training.</summary>
                public void {{ForwardSynchronized}}({{Names.ReadOnlySpan}}<{{T}}> input, {{Names.Span}}<{{T}}> output, {{Collective}} collective{{c.CallParameters}})
                {
                    {{Checks(c, "input", "output")}}
                    if (!{{Training}})
                    {
                        {{SynchronizedEvalField}} = true;
                        if (count > 0) {{Forward}}(input, output{{ResidualCalls.PerCallArguments(c)}});
                        return;
                    }
                    {{v.StateType}} state = {{SynchronizedState}};
                    {{ForwardWithMoments}}(state, input, output, state.ExchangeMoments(collective, input, {{v.Outer}}, {{v.Inner}}){{c.DimensionArguments}});
                }

                """);
        }

        private static void EmitBackwardHalves(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            var names = c.DimensionNames;
            string? differs = names.RecordedDiffers(SynchronizedField);
            string shapeDiffers = differs is null ? "" : $" || {differs}";
            string last = $"state is not null && state.HasForward && !{HasForwardField} ? {DescribeShape}({names.RecordedList(SynchronizedField)}) : null";
            string parameterGradients = c.Affine ? $"state.AddParameterGradients({WeightGrad}, {BiasGrad});" : "";
            w.Template($$"""
                /// <summary>First half of a synchronised Backward: this rank's gradient sums into <paramref name="sums"/>{{(c.Affine ? "; adds its parameter gradients." : ".")}}</summary>
                public void {{ComputeLocalGradientSums}}({{Names.ReadOnlySpan}}<{{T}}> input, {{Names.ReadOnlySpan}}<{{T}}> outputGrad, {{Names.Span}}<double> sums{{c.CallParameters}})
                {
                    {{Checks(c, "input", "outputGrad")}}
                    {{v.StateType}} state = {{SynchronizedForwardState}}({{c.DimensionList}});
                    state.LocalGradientSums(input, outputGrad, {{v.Outer}}, {{v.Inner}}, {{v.Weight}}, sums);
                    {{parameterGradients}}
                }

                /// <summary>Second half of a synchronised Backward: <paramref name="inputGrad"/> from every rank's gradient sums added together.</summary>
                public void {{BackwardFromGradientSums}}({{Names.ReadOnlySpan}}<{{T}}> input, {{Names.ReadOnlySpan}}<{{T}}> outputGrad, {{Names.Span}}<{{T}}> inputGrad, {{Names.ReadOnlySpan}}<double> sums{{c.CallParameters}})
                {
                    {{Checks(c, "input", "outputGrad", "inputGrad")}}
                    {{SynchronizedForwardState}}({{c.DimensionList}}).InputGradient(input, outputGrad, inputGrad, {{v.Outer}}, {{v.Inner}}, {{v.Weight}}, sums);
                }

                // The state of the last synchronised training Forward, which must have had this shape, with no plain Forward since.
                private {{v.StateType}} {{SynchronizedForwardState}}({{string.Join(", ", c.Dimensions.Select(d => $"int {d}"))}})
                {
                    {{v.StateType}}? state = {{SynchronizedField}};
                    if (state is null || !state.HasForward || {{HasForwardField}}{{shapeDiffers}}) {{Guard}}.ThrowNoSynchronizedForward({{DescribeShape}}({{c.DimensionList}}), {{last}});
                    return state;
                }

                """);
        }

        private static void EmitBackwardSynchronized(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            w.Template($$"""
                /// <summary>Backward through the last <see cref="{{ForwardSynchronized}}"/>, with gradient sums added over every rank in training.</summary>
                public void {{BackwardSynchronized}}({{Names.ReadOnlySpan}}<{{T}}> input, {{Names.ReadOnlySpan}}<{{T}}> outputGrad, {{Names.Span}}<{{T}}> inputGrad, {{Collective}} collective{{c.CallParameters}})
                {
                    {{Checks(c, "input", "outputGrad", "inputGrad")}}
                    // After an eval-mode ForwardSynchronized (and no training Forward since), the plain Backward.
                    if ({{SynchronizedEvalField}} && ({{ForwardWasEvalField}} || count == 0))
                    {
                        if (count > 0) {{Backward}}(input, outputGrad, inputGrad{{ResidualCalls.PerCallArguments(c)}});
                        return;
                    }
                    {{v.StateType}} state = {{SynchronizedForwardState}}({{c.DimensionList}});
                    var sums = state.ExchangeGradientSums(collective, input, outputGrad, {{v.Outer}}, {{v.Inner}}, {{v.Weight}});
                    state.InputGradient(input, outputGrad, inputGrad, {{v.Outer}}, {{v.Inner}}, {{v.Weight}}, sums);
                    {{(c.Affine ? $"state.AddParameterGradients({WeightGrad}, {BiasGrad});" : "")}}
                }

                """);
        }

        // The interface's members: the shape in layout order, checked as the plain full-shape overloads check it (the batch
        // extent may be 0), then the overload with the extents as parameters.
        private static void EmitFullShapeOverloads(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            string input = $"{Names.ReadOnlySpan}<{T}> input";
            string outputGrad = $"{Names.ReadOnlySpan}<{T}> outputGrad";
            string collective = $"{Collective} collective";
            (string Head, string Passed)[] members =
            {
                ($"{ForwardSynchronized}({input}, {Names.Span}<{T}> output, {collective}", "input, output, collective"),
                ($"{BackwardSynchronized}({input}, {outputGrad}, {Names.Span}<{T}> inputGrad, {collective}", "input, outputGrad, inputGrad, collective"),
                ($"{ComputeLocalMoments}({input}, {Names.Span}<double> moments", "input, moments"),
                ($"{ForwardFromMoments}({input}, {Names.Span}<{T}> output, {Names.ReadOnlySpan}<double> moments", "input, output, moments"),
                ($"{ComputeLocalGradientSums}({input}, {outputGrad}, {Names.Span}<double> sums", "input, outputGrad, sums"),
                ($"{BackwardFromGradientSums}({input}, {outputGrad}, {Names.Span}<{T}> inputGrad, {Names.ReadOnlySpan}<double> sums", "input, outputGrad, inputGrad, sums"),
            };
            foreach (var (head, passed) in members)
            {
                ShapeEmitter.EmitShapeOverload(w, c, head, passed);
            }
        }

        /// <summary>The tensor as the runtime's kernels see it: (axes before C) × C × (axes after C), as code.</summary>
        private sealed class View
        {
            public View(LayerContext c)
            {
                var layout = c.Configuration.Layout;
                int channel = layout.ToList().FindIndex(a => a.Axis == Axis.C);
                Outer = Product(layout.Take(channel).ToArray());
                Inner = Product(layout.Skip(channel + 1).ToArray());
                BatchPerCall = c.PerCall.Contains("batch");
                StateType = $"{State}<{c.T}>";
                Weight = c.Affine ? MemberNames.Weight : "null";
                Bias = c.Affine ? MemberNames.Bias : "null";
            }

            public string Outer { get; }

            public string Inner { get; }

            public bool BatchPerCall { get; }

            public string StateType { get; }

            public string Weight { get; }

            public string Bias { get; }

            private static string Product(LayoutAxis[] axes)
            {
                if (axes.Length == 0)
                {
                    return "1";
                }

                long constant = 1;
                var variables = axes.Where(a => !a.IsFixed).Select(a => a.Axis.ParameterName()).ToList();
                foreach (var axis in axes.Where(a => a.IsFixed))
                {
                    constant *= axis.FixedExtent;
                }

                if (constant != 1 || variables.Count == 0)
                {
                    variables.Insert(0, constant.ToString(CultureInfo.InvariantCulture));
                }

                return variables.Count == 1 ? variables[0] : $"({string.Join(" * ", variables)})";
            }
        }
    }
}
