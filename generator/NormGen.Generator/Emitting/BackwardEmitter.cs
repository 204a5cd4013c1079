using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes <c>Backward</c>. With xhat = (x - mean) * invStd and g = dy * weight, batch statistics give
    /// dx = invStd * (g - mean(g) - xhat * mean(g * xhat)) over each statistic's values; statistics taken from the
    /// running estimates are constants, so dx = g * invStd. dWeight += sum(dy * xhat), dBias += sum(dy). The gradient
    /// kernels with batch statistics and their calls are the layer's <see cref="KernelStrategy"/>'s.
    /// </summary>
    internal static class BackwardEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            var plan = c.Plan;
            EmitPublic(w, c, withResidual: false);
            if (plan.Has(Kernels.ResidualGradient))
            {
                EmitPublic(w, c, withResidual: true);
                EmitResidualBackward(w, c);
                EmitResidualGradient(w, c, StatisticView.Batch, withResidual: true);
                EmitResidualGradient(w, c, StatisticView.Batch, withResidual: false);
                if (plan.Has(Kernels.ResidualGradientWithRunningStatistics))
                {
                    EmitResidualGradient(w, c, StatisticView.Running, withResidual: true);
                    EmitResidualGradient(w, c, StatisticView.Running, withResidual: false);
                }
            }
            else if (plan.Has(Overloads.Residual))
            {
                EmitCopyingResidualBackward(w, c);
            }

            if (plan.Has(Overloads.Skip))
            {
                EmitSkipBackward(w, c);
            }

            c.Strategy.EmitBackwardKernels(w);
            if (plan.Has(Kernels.AccumulateParameterGradients))
            {
                LoopNestKernels.EmitGradientSums(w, c, AccumulateParameterGradients, c.EvalView, batchStatistics: false);
            }

            if (plan.Has(Kernels.InputGradientWithRunningStatistics))
            {
                LoopNestKernels.EmitInputGradient(w, c, InputGradientWithRunningStatistics, c.EvalView, batchStatistics: false);
            }
        }

        /// <summary>The public Backward. With the residual's gradient pass, the plain one and the one with the residual check
        /// their arguments and hand over to <c>ResidualBackward</c>, which writes dz (into inputGrad without a residual) and
        /// runs the normalisation's backward on it; any other layer's runs the kernels itself.</summary>
        private static void EmitPublic(IndentedWriter w, LayerContext c, bool withResidual)
        {
            string writes = withResidual ? "<paramref name=\"inputGrad\"/> and <paramref name=\"residualGrad\"/>" : "<paramref name=\"inputGrad\"/>";
            string adds = c.HasBias ? $" and adds to <see cref=\"{WeightGrad}\"/> and <see cref=\"{BiasGrad}\"/>" : c.Affine ? $" and adds to <see cref=\"{WeightGrad}\"/>" : "";
            string input = c.Plan.Has(Overloads.Skip) ? "; <paramref name=\"input\"/> is the sum s = x + r it normalised" : "";
            string[] spans = withResidual ? new[] { "input", "residual", "outputGrad", "inputGrad", "residualGrad" } : new[] { "input", "outputGrad", "inputGrad" };
            w.Template($$"""
                /// <summary>Back-propagates through the last Forward, which must have had the same shape{{input}}: writes {{writes}}{{adds}}.{{ResidualSummary(c, withResidual)}}{{c.DimensionNames.ExtentsNote}}</summary>
                """);
            using (w.Block($"public void {Backward}({Spans(c, withResidual)}{c.CallParameters})"))
            {
                w.Template($$"""
                    {{c.DimensionNames.ConstructedLocals}}
                    {{ShapeEmitter.LengthChecks(c, spans)}}
                    {{MatchingForwardCheck(c)}}
                    {{ResidualChecks(c, withResidual)}}
                    """);
                if (c.ResidualGradientPass)
                {
                    string residual = withResidual ? "residual" : "default";
                    string residualGrad = withResidual ? "residualGrad" : "inputGrad";
                    w.Template($$"""
                        {{ResidualBackward}}(input, {{residual}}, outputGrad, inputGrad, {{residualGrad}}, {{(withResidual ? "true" : "false")}}, count{{c.DimensionArguments}});
                        """);
                }
                else
                {
                    w.Line();
                    EmitBody(w, c);
                }
            }

            w.Line();
        }

        /// <summary>The body of a Backward: the spans as refs, this call's parameter gradients cleared, the kernels through the
        /// last Forward's statistics (with the residual's gradient pass first), the parameter gradients added.</summary>
        private static void EmitBody(IndentedWriter w, LayerContext c)
        {
            bool pass = c.ResidualGradientPass;
            w.Template($$"""
                ref {{c.Tensor}} x = ref {{Names.MemoryMarshal}}.GetReference(input);
                {{(pass ? $"ref {c.Tensor} res = ref {Names.MemoryMarshal}.GetReference(residual);" : "")}}
                {{(pass ? $"ref {c.Tensor} dr = ref {Names.MemoryMarshal}.GetReference(residualGrad);" : "")}}
                ref {{c.Tensor}} dy = ref {{Names.MemoryMarshal}}.GetReference(outputGrad);
                ref {{c.Tensor}} dx = ref {{Names.MemoryMarshal}}.GetReference(inputGrad);
                {{(c.Affine ? $"{Names.Buffers}.Clear({WeightGradStepField}, {(c.HasBias ? BiasGradStepField : "null")});" : "")}}
                """);
            ForwardEmitter.DeclareOwnBuffers(w, c);
            if (c.Tracks)
            {
                using (w.Block($"if (!{ForwardWasEvalField})"))
                {
                    EmitResidualGradientCall(w, c, StatisticView.Batch);
                    c.Strategy.EmitBatchGradient(w);
                }

                using (w.Block("else"))
                {
                    w.Template($$"""
                        {{RunningStatisticsEmitter.LoadCall(c)}}
                        """);
                    EmitResidualGradientCall(w, c, c.EvalView);
                    c.Strategy.EmitRunningGradient(w);
                }
            }
            else
            {
                // The statistics again after an eval Forward: one statement after the condition, or a block.
                var statistics = new IndentedWriter();
                c.Strategy.EmitBatchStatistics(statistics);
                string text = statistics.ToString();
                if (text.IndexOf('\n') == text.Length - 1)
                {
                    w.Template($$"""
                        if ({{ForwardWasEvalField}}) {{text}}
                        """);
                }
                else
                {
                    using (w.Block($"if ({ForwardWasEvalField})"))
                    {
                        w.Lines(text);
                    }
                }

                EmitResidualGradientCall(w, c, StatisticView.Batch);
                c.Strategy.EmitBatchGradient(w);
            }

            string count = c.ParameterCount.ToCode();
            w.Template($$"""
                {{(!c.Affine ? "" : c.HasBias
                    ? $"{Names.Buffers}.Accumulate({WeightGrad}, {WeightGradStepField}, {BiasGrad}, {BiasGradStepField}, {count});"
                    : $"{Names.Buffers}.Accumulate({WeightGrad}, {WeightGradStepField}, {count});")}}
                """);
        }

        /// <summary>The spans of a public Backward, as parameters.</summary>
        private static string Spans(LayerContext c, bool withResidual) => withResidual
            ? $"{c.ReadOnlySpan} input, {c.ReadOnlySpan} residual, {c.ReadOnlySpan} outputGrad, {c.Span} inputGrad, {c.Span} residualGrad"
            : $"{c.ReadOnlySpan} input, {c.ReadOnlySpan} outputGrad, {c.Span} inputGrad";

        /// <summary>Backward of a layer with the residual's gradient pass, after the public methods' checks: r = 0 and
        /// residualGrad = inputGrad for the plain one.</summary>
        private static void EmitResidualBackward(IndentedWriter w, LayerContext c)
        {
            w.Line("// Backward after the public methods' checks; without the residual, dz goes to inputGrad, passed as residualGrad.");
            using (w.Block($"private void {ResidualBackward}({Spans(c, withResidual: true)}, bool withResidual, int count{c.DimensionParameters})"))
            {
                EmitBody(w, c);
            }

            w.Line();
        }

        /// <summary>The check that the last Forward can be back-propagated through: a training Forward of this shape (its
        /// statistics kept), or an eval Forward (see the marks' declaration).</summary>
        private static string MatchingForwardCheck(LayerContext c)
        {
            var names = c.DimensionNames;
            string? differs = names.RecordedDiffers(ForwardShapePrefix);
            string noMatch = differs is null ? $"!{HasForwardField}" : $"!{HasForwardField} || (!{ForwardWasEvalField} && {differs})";
            string last = $"{HasForwardField} && !{ForwardWasEvalField} ? {DescribeShape}({names.RecordedList(ForwardShapePrefix)}) : null";
            return $"if ({noMatch}) {Names.ShapeGuard}.ThrowNoMatchingForward({DescribeShape}({c.DimensionList}), {last});";
        }

        /// <summary>What the summary adds about the residual's gradient.</summary>
        private static string ResidualSummary(LayerContext c, bool withResidual) =>
            withResidual ? " The residual's gradient is dz = dy * act'(z), z = norm(x) + r, the gradient the normalisation takes too; residualGrad may be outputGrad or the residual itself."
            : c.ResidualGradientPass ? " Takes r = 0; the overload with the residual also returns its gradient."
            : c.ResidualBeforeActivation ? " The residual's gradient is outputGrad itself (y = norm(x) + r)."
            : c.ResidualBeforeNorm ? " inputGrad is the gradient of x and of r alike (s = x + r); the overload with sumGrad adds the skip path's."
            : "";

        /// <summary>The aliasing rules of the residual's gradient pass, which writes dz before the normalisation's backward
        /// reads x: dz may replace dy (or r) in place, never x nor a gradient still to be written.</summary>
        private static string ResidualChecks(LayerContext c, bool withResidual) =>
            !c.ResidualGradientPass ? ""
            : !withResidual ? ResidualCalls.Separate(c, "inputGrad", "input")
            : $"""
                {ResidualCalls.SameOrSeparate(c, "residualGrad", "outputGrad")}
                {ResidualCalls.SameOrSeparate(c, "residualGrad", "residual")}
                {ResidualCalls.Separate(c, "residualGrad", "input")}
                {ResidualCalls.Separate(c, "residualGrad", "inputGrad")}
                """;

        /// <summary>With the residual's gradient pass: dz into residualGrad (inputGrad without a residual), which then stands
        /// for dy in the normalisation's kernels.</summary>
        private static void EmitResidualGradientCall(IndentedWriter w, LayerContext c, StatisticView view)
        {
            if (!c.ResidualGradientPass)
            {
                return;
            }

            w.Template($$"""
                // dz = dy * {{ActivationCalls.Describe(c.Activation)}}'(norm(x) + r) into residualGrad; the normalisation's backward takes it for dy.
                if (withResidual) {{KernelCalls.Call(c, c.Plan.Signature(ResidualGradientName(view, withResidual: true)))}}
                else {{KernelCalls.Call(c, c.Plan.Signature(ResidualGradientName(view, withResidual: false)), ("dx", "dr"))}}
                outputGrad = residualGrad;
                dy = ref dr;
                """);
        }

        private static string ResidualGradientName(StatisticView view, bool withResidual) =>
            $"{(withResidual ? ResidualGradient : ActivationGradient)}{(view == StatisticView.Running ? WithRunningStatistics : "")}";

        /// <summary>dz = dy * act'(z), z = norm(x) (+ r), element by element with the statistics of the last Forward.</summary>
        private static void EmitResidualGradient(IndentedWriter w, LayerContext c, StatisticView view, bool withResidual)
        {
            string into = withResidual ? "dr" : "dx";
            w.Template($$"""
                // {{into}} = dy * {{ActivationCalls.Describe(c.Activation)}}'(z), z = {{(withResidual ? "norm(x) + r" : "norm(x)")}}.
                """);
            using (w.Block(KernelCalls.Declaration(c, c.Plan.Signature(ResidualGradientName(view, withResidual)))))
            {
                LoopNestKernels.DeclareNormalizeArrays(w, c);
                var nest = c.Nest(view, c.Affine);
                LoopNestEmitter.DeclareExtents(w, nest);
                LoopNestEmitter.Emit(w, nest, run => VectorLoopBodies.ResidualGradient(c, run, withResidual).Emit(w, run.Length));
            }

            w.Line();
        }

        /// <summary>The residual after the affine without an activation: dr = dy, so the plain Backward with dy copied to
        /// residualGrad (for callers that hold the layer by its interface; the plain call spares the copy).</summary>
        private static void EmitCopyingResidualBackward(IndentedWriter w, LayerContext c) => w.Template($$"""
            /// <summary>Back-propagates through the last Forward, y = norm(x) + r: the plain Backward, and dy copied to <paramref name="residualGrad"/>, which may be outputGrad itself (the residual's gradient is dy: the plain call with outputGrad as it spares the copy). inputGrad shares no element with outputGrad; the residual's value does not matter.{{c.DimensionNames.ExtentsNote}}</summary>
            public void {{Backward}}({{c.ReadOnlySpan}} input, {{c.ReadOnlySpan}} residual, {{c.ReadOnlySpan}} outputGrad, {{c.Span}} inputGrad, {{c.Span}} residualGrad{{c.CallParameters}})
            {
                {{c.DimensionNames.ConstructedLocals}}
                {{ShapeEmitter.LengthChecks(c, "residual", "residualGrad")}}
                {{ResidualCalls.SameOrSeparate(c, "residualGrad", "outputGrad")}}
                {{ResidualCalls.Separate(c, "residualGrad", "inputGrad")}}
                {{ResidualCalls.Separate(c, "residualGrad", "input")}}
                {{ResidualCalls.Separate(c, "inputGrad", "outputGrad")}}
                {{Backward}}(input, outputGrad, inputGrad{{ResidualCalls.PerCallArguments(c)}});
                outputGrad.CopyTo(residualGrad);
            }

            """);

        /// <summary>The residual before the norm: Backward on the sum, then the skip path's gradient added.</summary>
        private static void EmitSkipBackward(IndentedWriter w, LayerContext c) => w.Template($$"""
            /// <summary>Back-propagates through the last Forward (s = x + r, y = norm(s)) when s also feeds the next block: writes inputGrad = ds = norm'(s) * dy + <paramref name="sumGrad"/>, the gradient of x and of r alike, and adds to the parameter gradients as the plain Backward does. <paramref name="sum"/> is the sum the last Forward wrote, sumGrad the gradient along the skip path (from the next block); inputGrad shares no element with it.{{c.DimensionNames.ExtentsNote}}</summary>
            public void {{Backward}}({{c.ReadOnlySpan}} sum, {{c.ReadOnlySpan}} outputGrad, {{c.ReadOnlySpan}} sumGrad, {{c.Span}} inputGrad{{c.CallParameters}})
            {
                {{c.DimensionNames.ConstructedLocals}}
                {{ShapeEmitter.LengthChecks(c, "sumGrad")}}
                {{ResidualCalls.Separate(c, "inputGrad", "sumGrad")}}
                {{Backward}}(sum, outputGrad, inputGrad{{ResidualCalls.PerCallArguments(c)}});
                {{Names.Residuals}}.Add(inputGrad, sumGrad, inputGrad);
            }

            """);
    }
}
