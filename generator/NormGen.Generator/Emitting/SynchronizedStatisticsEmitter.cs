using System.Globalization;
using System.Linq;
using NormGen.Configuration;

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
            c.Plan.Synchronized ? "global::NormGen.Distributed.ISynchronizedNormalizationLayer<" + c.T + ">" : null;

        public static void Emit(IndentedWriter w, LayerContext c)
        {
            if (!c.Plan.Synchronized)
            {
                return;
            }

            var view = new View(c);
            EmitState(w, c, view);
            EmitElementCount(w, c, view);
            EmitForwardHalves(w, c, view);
            EmitForwardSynchronized(w, c, view);
            EmitBackwardHalves(w, c, view);
            EmitBackwardSynchronized(w, c, view);
            EmitFullShapeOverloads(w, c);
        }

        private static void EmitState(IndentedWriter w, LayerContext c, View v)
        {
            var configuration = c.Configuration;
            string channels = configuration.ChannelsAtConstruction ? DimensionNames.Field(Axis.C.ParameterName()) : Names.Int(configuration.Channels);
            string groupSize = configuration.HasGroups ? channels + " / " + Names.Int(configuration.Groups) : "1";
            string statistics = configuration.HasGroups ? Names.Int(configuration.Groups) : channels;
            w.Line("/// <summary>Statistics the synchronised methods exchange, one per " + (configuration.HasGroups ? "group" : "channel") + ": moments are");
            w.Line("/// 3 doubles per statistic (count, mean, M2), gradient sums 2 (Σ γ·dy, Σ γ·dy·x̂).</summary>");
            w.Line("public int SynchronizedStatisticCount => " + statistics + ";");
            w.Line();
            w.Line("// Synchronised steps: their statistics and exchange buffers (created by the first synchronised call), the shape of");
            w.Line("// the last synchronised training Forward, and whether the last ForwardSynchronized ran in eval mode.");
            w.Line("private " + v.StateType + "? _synchronized;");
            foreach (var dimension in c.PerCall)
            {
                w.Line("private int " + Recorded(dimension) + ";");
            }

            w.Line("private bool _synchronizedEval;");
            w.Line();
            w.Line("private " + v.StateType + " SynchronizedState => _synchronized ??= new " + v.StateType + "(" + channels + ", " + groupSize + ", " + Names.DoubleLiteral(configuration.Epsilon) + ", \"" + Description(c) + "\");");
            w.Line();
        }

        // Compared across ranks (with the channel count) before the first exchange.
        private static string Description(LayerContext c)
        {
            var configuration = c.Configuration;
            string momentum = configuration.CumulativeAverage ? "cumulative" : configuration.Momentum.ToString("R", CultureInfo.InvariantCulture);
            return configuration.LayoutText + " over " + configuration.AxesText
                + ", groups " + Names.Int(configuration.Groups)
                + ", eps " + configuration.Epsilon.ToString("R", CultureInfo.InvariantCulture)
                + ", momentum " + momentum
                + ", affine " + (c.Affine ? "yes" : "no")
                + ", running statistics " + (c.Tracks ? "yes" : "no")
                + ", " + c.T;
        }

        // The element count of a synchronised call: as ElementCount, but a batch of 0 (a rank whose slice is empty) is allowed.
        private static void EmitElementCount(IndentedWriter w, LayerContext c, View v)
        {
            using (w.Block("private static int SynchronizedElementCount(" + string.Join(", ", c.Dimensions.Select(d => "int " + d)) + ")"))
            {
                if (v.BatchPerCall)
                {
                    w.Line("if (batch < 0) " + Guard + ".ThrowNegativeBatch(nameof(batch), batch);");
                    w.Line("if (batch == 0) return ElementCount(" + string.Join(", ", c.Dimensions.Select(d => d == "batch" ? "1" : d)) + ") * 0;");
                }

                w.Line("return ElementCount(" + c.DimensionList + ");");
            }

            w.Line();
        }

        private static void EmitForwardHalves(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            w.Line("/// <summary>First half of a synchronised training Forward: the moments of this rank's slice (count, mean, M2 for each of");
            w.Line("/// <see cref=\"SynchronizedStatisticCount\"/> statistics, in double) into <paramref name=\"moments\"/>. Merge every rank's moments");
            w.Line("/// (<see cref=\"global::NormGen.Distributed.BatchMoments.MergeRanks\"/>, in rank order) and pass them to <see cref=\"ForwardFromMoments\"/>.</summary>");
            w.Line("/// <param name=\"input\">This rank's slice, densely packed in " + c.Configuration.LayoutText + " order.</param>");
            w.Line("/// <param name=\"moments\">Receives 3 × <see cref=\"SynchronizedStatisticCount\"/> values.</param>");
            DocumentDimensions(w, c);
            using (w.Block("public void ComputeLocalMoments(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<double> moments" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = SynchronizedElementCount(" + c.DimensionList + ");");
                CheckLengths(w, c, "input");
                w.Line("SynchronizedState.LocalMoments(input, " + v.Outer + ", " + v.Inner + ", moments);");
            }

            w.Line();
            w.Line("/// <summary>Second half of a synchronised training Forward: normalises this rank's slice with the statistics of the");
            w.Line("/// merged <paramref name=\"moments\"/> (every rank's, merged in rank order) and updates the running statistics from them once,");
            w.Line("/// as PyTorch's SyncBatchNorm. <see cref=\"ComputeLocalGradientSums\"/> and <see cref=\"BackwardFromGradientSums\"/> may follow.</summary>");
            w.Line("/// <param name=\"input\">This rank's slice.</param>");
            w.Line("/// <param name=\"output\">Receives the output; as long as the input.</param>");
            w.Line("/// <param name=\"moments\">The merged moments, 3 × <see cref=\"SynchronizedStatisticCount\"/> values.</param>");
            DocumentDimensions(w, c);
            using (w.Block("public void ForwardFromMoments(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<" + T + "> output, " + Names.ReadOnlySpan + "<double> moments" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = SynchronizedElementCount(" + c.DimensionList + ");");
                CheckLengths(w, c, "input", "output");
                w.Line("if (!Training) " + Guard + ".ThrowEvalMode(nameof(ForwardFromMoments));");
                w.Line("ForwardWithMoments(SynchronizedState, input, output, moments" + c.DimensionArguments + ");");
            }

            w.Line();
            w.Line("// Normalise with merged moments: at least two values per statistic on all ranks together, then y, the running statistics");
            w.Line("// from the merged moments, and the shape Backward must have. A plain Backward cannot follow (its statistics are local).");
            using (w.Block("private void ForwardWithMoments(" + v.StateType + " state, " + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<" + T + "> output, " + Names.ReadOnlySpan + "<double> moments" + c.DimensionParameters + ")"))
            {
                w.Line("double smallest = state.SmallestCount(moments);");
                w.Line("if (!(smallest > 1d)) " + Guard + ".ThrowSingleValue(DescribeShape(" + c.DimensionList + "), \"" + c.Configuration.AxesText + "\", smallest);");
                w.Line("state.Normalize(input, output, " + v.Outer + ", " + v.Inner + ", moments, " + v.Weight + ", " + v.Bias + ");");
                if (c.Tracks)
                {
                    w.Line("NumBatchesTracked++;");
                    w.Line("state.UpdateRunningStatistics(moments, RunningMean, RunningVar, " + (c.Configuration.CumulativeAverage ? "1d / NumBatchesTracked" : Names.DoubleLiteral(c.Configuration.Momentum)) + ");");
                }

                w.Line("_hasForward = false;");
                w.Line("_synchronizedEval = false;");
                foreach (var dimension in c.PerCall)
                {
                    w.Line(Recorded(dimension) + " = " + dimension + ";");
                }
            }

            w.Line();
        }

        private static void EmitForwardSynchronized(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            w.Line("/// <summary>Forward over a batch split across the ranks of <paramref name=\"collective\"/>: in training, the statistics are");
            w.Line("/// those of every rank's slice together (PyTorch's SyncBatchNorm), merged in rank order, so every rank normalises with");
            w.Line("/// bitwise the same statistics and updates the running statistics identically. Every rank must call it, a rank");
            w.Line("/// without samples with a batch of 0. In eval mode it is the plain <c>Forward</c> and exchanges nothing.</summary>");
            w.Line("/// <param name=\"input\">This rank's slice, densely packed in " + c.Configuration.LayoutText + " order.</param>");
            w.Line("/// <param name=\"output\">Receives the output; as long as the input.</param>");
            w.Line("/// <param name=\"collective\">The ranks sharing the batch.</param>");
            DocumentDimensions(w, c);
            using (w.Block("public void ForwardSynchronized(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<" + T + "> output, " + Collective + " collective" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = SynchronizedElementCount(" + c.DimensionList + ");");
                CheckLengths(w, c, "input", "output");
                using (w.Block("if (!Training)"))
                {
                    w.Line("_synchronizedEval = true;");
                    w.Line("if (count > 0) Forward(input, output" + PerCallArguments(c) + ");");
                    w.Line("return;");
                }

                w.Line(v.StateType + " state = SynchronizedState;");
                w.Line("ForwardWithMoments(state, input, output, state.ExchangeMoments(collective, input, " + v.Outer + ", " + v.Inner + ")" + c.DimensionArguments + ");");
            }

            w.Line();
        }

        private static void EmitBackwardHalves(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            w.Line("/// <summary>First half of a synchronised Backward, after a synchronised training Forward of the same shape: this rank's");
            w.Line("/// gradient sums (Σ γ·dy and Σ γ·dy·x̂ for each statistic, in double) into <paramref name=\"sums\"/>" + (c.Affine ? ", and this" : "."));
            if (c.Affine)
            {
                w.Line("/// slice's share of the parameter gradients added to <see cref=\"WeightGrad\"/> and <see cref=\"BiasGrad\"/> (all-reduce them across");
                w.Line("/// ranks as any data-parallel parameter gradient).");
            }

            w.Line("/// Sum every rank's (<see cref=\"global::NormGen.Distributed.BatchMoments.SumRanks\"/>) and pass them to <see cref=\"BackwardFromGradientSums\"/>.</summary>");
            w.Line("/// <param name=\"input\">This rank's slice, as given to the Forward.</param>");
            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to this rank's output.</param>");
            w.Line("/// <param name=\"sums\">Receives 2 × <see cref=\"SynchronizedStatisticCount\"/> values.</param>");
            DocumentDimensions(w, c);
            using (w.Block("public void ComputeLocalGradientSums(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<double> sums" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = SynchronizedElementCount(" + c.DimensionList + ");");
                CheckLengths(w, c, "input", "outputGrad");
                w.Line(v.StateType + " state = SynchronizedForwardState(" + c.DimensionList + ");");
                w.Line("state.LocalGradientSums(input, outputGrad, " + v.Outer + ", " + v.Inner + ", " + v.Weight + ", sums);");
                if (c.Affine)
                {
                    w.Line("state.AddParameterGradients(WeightGrad, BiasGrad);");
                }
            }

            w.Line();
            w.Line("/// <summary>Second half of a synchronised Backward: writes <paramref name=\"inputGrad\"/> from the gradient sums of every");
            w.Line("/// rank added together, with the merged count: dx = invStd · (γ·dy − Σ γ·dy / n − x̂ · Σ γ·dy·x̂ / n).</summary>");
            w.Line("/// <param name=\"input\">This rank's slice, as given to the Forward.</param>");
            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to this rank's output.</param>");
            w.Line("/// <param name=\"inputGrad\">Receives the gradient of the loss with respect to this rank's input.</param>");
            w.Line("/// <param name=\"sums\">Every rank's gradient sums added together, 2 × <see cref=\"SynchronizedStatisticCount\"/> values.</param>");
            DocumentDimensions(w, c);
            using (w.Block("public void BackwardFromGradientSums(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<" + T + "> inputGrad, " + Names.ReadOnlySpan + "<double> sums" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = SynchronizedElementCount(" + c.DimensionList + ");");
                CheckLengths(w, c, "input", "outputGrad", "inputGrad");
                w.Line("SynchronizedForwardState(" + c.DimensionList + ").InputGradient(input, outputGrad, inputGrad, " + v.Outer + ", " + v.Inner + ", " + v.Weight + ", sums);");
            }

            w.Line();
            w.Line("// The state of the last synchronised training Forward, which must have had this shape, with no plain Forward since.");
            using (w.Block("private " + v.StateType + " SynchronizedForwardState(" + string.Join(", ", c.Dimensions.Select(d => "int " + d)) + ")"))
            {
                string sameShape = string.Concat(c.PerCall.Select(p => " || " + Recorded(p) + " != " + p));
                string lastShape = "DescribeShape(" + string.Join(", ", c.Dimensions.Select(p => c.PerCall.Contains(p) ? Recorded(p) : p)) + ")";
                w.Line(v.StateType + "? state = _synchronized;");
                w.Line("if (state is null || !state.HasForward || _hasForward" + sameShape + ") " + Guard + ".ThrowNoSynchronizedForward(DescribeShape(" + c.DimensionList + "), state is not null && state.HasForward && !_hasForward ? " + lastShape + " : null);");
                w.Line("return state;");
            }

            w.Line();
        }

        private static void EmitBackwardSynchronized(IndentedWriter w, LayerContext c, View v)
        {
            string T = c.T;
            w.Line("/// <summary>Backward through the last <see cref=\"ForwardSynchronized\"/>: in training, the gradient sums of every rank's slice");
            w.Line("/// are added in rank order and each rank's input gradient is taken with them and the merged count" + (c.Affine ? "; this slice's share of" : "."));
            if (c.Affine)
            {
                w.Line("/// the parameter gradients is added to <see cref=\"WeightGrad\"/> and <see cref=\"BiasGrad\"/> (all-reduce them across ranks as any");
                w.Line("/// data-parallel parameter gradient).");
            }

            w.Line("/// After an eval-mode ForwardSynchronized it is the plain <c>Backward</c>.</summary>");
            w.Line("/// <param name=\"input\">This rank's slice, as given to the Forward.</param>");
            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to this rank's output.</param>");
            w.Line("/// <param name=\"inputGrad\">Receives the gradient of the loss with respect to this rank's input.</param>");
            w.Line("/// <param name=\"collective\">The ranks sharing the batch.</param>");
            DocumentDimensions(w, c);
            using (w.Block("public void BackwardSynchronized(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<" + T + "> inputGrad, " + Collective + " collective" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = SynchronizedElementCount(" + c.DimensionList + ");");
                CheckLengths(w, c, "input", "outputGrad", "inputGrad");
                w.Line("// After an eval-mode ForwardSynchronized (and no training Forward since), the plain Backward.");
                using (w.Block("if (_synchronizedEval && (_forwardWasEval || count == 0))"))
                {
                    w.Line("if (count > 0) Backward(input, outputGrad, inputGrad" + PerCallArguments(c) + ");");
                    w.Line("return;");
                }

                w.Line(v.StateType + " state = SynchronizedForwardState(" + c.DimensionList + ");");
                w.Line("var sums = state.ExchangeGradientSums(collective, input, outputGrad, " + v.Outer + ", " + v.Inner + ", " + v.Weight + ");");
                w.Line("state.InputGradient(input, outputGrad, inputGrad, " + v.Outer + ", " + v.Inner + ", " + v.Weight + ", sums);");
                if (c.Affine)
                {
                    w.Line("state.AddParameterGradients(WeightGrad, BiasGrad);");
                }
            }

            w.Line();
        }

        // The interface's members: the shape in layout order, checked as the plain full-shape overloads check it (the batch
        // extent may be 0), then the overload with the extents as parameters.
        private static void EmitFullShapeOverloads(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            (string Head, string Passed)[] members =
            {
                ("ForwardSynchronized(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<" + T + "> output, " + Collective + " collective, ", "input, output, collective"),
                ("BackwardSynchronized(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<" + T + "> inputGrad, " + Collective + " collective, ", "input, outputGrad, inputGrad, collective"),
                ("ComputeLocalMoments(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<double> moments, ", "input, moments"),
                ("ForwardFromMoments(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<" + T + "> output, " + Names.ReadOnlySpan + "<double> moments, ", "input, output, moments"),
                ("ComputeLocalGradientSums(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<double> sums, ", "input, outputGrad, sums"),
                ("BackwardFromGradientSums(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<" + T + "> inputGrad, " + Names.ReadOnlySpan + "<double> sums, ", "input, outputGrad, inputGrad, sums"),
            };
            foreach (var (head, passed) in members)
            {
                ShapeEmitter.EmitFullShapeOverload(w, c.Configuration.Layout, c.Configuration.LayoutText, "As the overload with extents; <paramref name=\"shape\"/> gives them in layout order.", head, passed);
            }
        }

        private static void CheckLengths(IndentedWriter w, LayerContext c, params string[] spans)
        {
            foreach (var span in spans)
            {
                w.Line("CheckLength(nameof(" + span + "), " + span + ".Length, count" + c.DimensionArguments + ");");
            }
        }

        private static void DocumentDimensions(IndentedWriter w, LayerContext c)
        {
            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The " + dimension + " extent of this call" + (dimension == "batch" ? " on this rank (0 for an empty slice)" : "") + ".</param>");
            }
        }

        private static string PerCallArguments(LayerContext c) => string.Concat(c.PerCall.Select(p => ", " + p));

        private static string Recorded(string dimension) => "_synchronized" + StateEmitter.Capitalise(dimension);

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
                StateType = State + "<" + c.T + ">";
                Weight = c.Affine ? "Weight" : "null";
                Bias = c.Affine ? "Bias" : "null";
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

                return variables.Count == 1 ? variables[0] : "(" + string.Join(" * ", variables) + ")";
            }
        }
    }
}
