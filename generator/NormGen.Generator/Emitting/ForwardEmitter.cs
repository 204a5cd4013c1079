using System.Linq;
using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the public <c>Forward</c>: checks every argument before touching anything, then runs the
    /// statistics and normalisation kernels (their calls and the training kernels are the layer's
    /// <see cref="KernelStrategy"/>'s) and records what <c>Backward</c> needs.</summary>
    internal static class ForwardEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            var plan = c.Plan;
            if (plan.Has(Overloads.Residual))
            {
                EmitZeroResidual(w, c);
            }

            EmitPublic(w, c);
            if (plan.Has(Overloads.Skip))
            {
                EmitSkipForward(w, c);
            }

            if (plan.Has(Kernels.EnsureStatisticCapacity))
            {
                EmitEnsureCapacity(w, c);
            }

            c.Strategy.EmitForwardKernels(w);
            if (plan.Has(Kernels.Normalize))
            {
                c.Strategy.EmitNormalizeKernel(w);
            }

            if (plan.Has(Kernels.NormalizeWithRunningStatistics))
            {
                LoopNestKernels.EmitNormalize(w, c, NormalizeWithRunningStatistics, StatisticView.Running);
            }
        }

        /// <summary>The public Forward that runs the kernels: checks every argument before touching anything, then the
        /// kernels. A layer with the residual before its activation takes the residual here.</summary>
        private static void EmitPublic(IndentedWriter w, LayerContext c)
        {
            bool withResidual = c.Plan.Has(Overloads.Residual);
            string data = withResidual
                ? $"<paramref name=\"input\"/> plus <paramref name=\"residual\"/> (added after the affine{(c.HasActivation ? " and before the activation" : "")}) into <paramref name=\"output\"/>, which may be the residual itself"
                : "<paramref name=\"input\"/> into <paramref name=\"output\"/>";
            string residualParameter = withResidual ? $"{c.ReadOnlySpan} residual, " : "";
            w.Template($$"""
                /// <summary>Normalises {{data}}: {{Formula(c, withResidual)}}. {{Spans(c)}}{{c.DimensionNames.ExtentsNote}}</summary>
                """);
            using (w.Block($"public void {Forward}({c.ReadOnlySpan} input, {residualParameter}{c.Span} output{c.CallParameters})"))
            {
                string residualCheck = withResidual ? ResidualCalls.SameOrSeparate(c, "output", "residual") : "";
                w.Template($$"""
                    {{c.DimensionNames.ConstructedLocals}}
                    {{ShapeEmitter.LengthChecks(c, withResidual ? new[] { "input", "residual", "output" } : new[] { "input", "output" })}}
                    {{SingleValueCheck(c)}}
                    {{residualCheck}}

                    ref {{c.Tensor}} x = ref {{Names.MemoryMarshal}}.GetReference(input);
                    {{(withResidual ? $"ref {c.Tensor} res = ref {Names.MemoryMarshal}.GetReference(residual);" : "")}}
                    ref {{c.Tensor}} y = ref {{Names.MemoryMarshal}}.GetReference(output);
                    """);
                if (c.Tracks)
                {
                    EmitWithRunningStatistics(w, c);
                }
                else
                {
                    EmitWithoutRunningStatistics(w, c);
                }
            }

            w.Line();
        }

        /// <summary>Training mode takes the batch statistics and updates the running ones; eval mode normalises with these.</summary>
        private static void EmitWithRunningStatistics(IndentedWriter w, LayerContext c)
        {
            using (w.Block($"if ({Training})"))
            {
                DeclareOwnBuffers(w, c);
                EmitBatchPath(w, c, updateRunning: true);
                EmitTrainingMarks(w, c);
            }

            using (w.Block("else"))
            {
                EmitEvalMark(w);
                CallBuffers.DeclareThreads(w, c, c.RunningCount.ToCode());
                w.Template($$"""
                    {{RunningStatisticsEmitter.LoadCall(c)}}
                    """);
                c.Strategy.EmitRunningNormalize(w);
            }
        }

        /// <summary>Without running statistics training and eval mode run the same kernels: only the statistics' buffers (the
        /// layer's own, kept for Backward, or the calling thread's) and the marks differ.</summary>
        private static void EmitWithoutRunningStatistics(IndentedWriter w, LayerContext c)
        {
            string grow = c.Plan.Has(Kernels.EnsureStatisticCapacity) ? $"{EnsureStatisticCapacity}({c.StatisticCount.ToCode()});" : "";
            w.Template($$"""
                {{CallBuffers.Type(c)}} {{CallBuffers.Local}};
                if ({{Training}})
                {
                    {{grow}}
                    {{CallBuffers.Local}} = {{StatisticsField}};
                    {{TrainingMarks(c)}}
                }
                else
                {
                    {{EvalMark}}
                    {{CallBuffers.Local}} = {{CallBuffers.Type(c)}}.OfThread({{c.StatisticCount.ToCode()}});
                }
                """);
            EmitBatchPath(w, c, updateRunning: false);
        }

        /// <summary>The plain Forward of a layer with the residual before its activation: r = 0, the output cleared and
        /// handed to the overload with the residual as the residual too, once every check that can fail has passed.</summary>
        private static void EmitZeroResidual(IndentedWriter w, LayerContext c) => w.Template($$"""
            /// <summary>Normalises <paramref name="input"/> into <paramref name="output"/>, which shares no element with it: {{Formula(c)}}. {{Spans(c)}}{{c.DimensionNames.ExtentsNote}}</summary>
            public void {{Forward}}({{c.ReadOnlySpan}} input, {{c.Span}} output{{c.CallParameters}})
            {
                {{c.DimensionNames.ConstructedLocals}}
                {{ShapeEmitter.LengthChecks(c, "input", "output")}}
                {{SingleValueCheck(c)}}
                {{ResidualCalls.Separate(c, "output", "input")}}
                // r = 0: the output is cleared and read as the residual (each element is read before it is written).
                output.Clear();
                {{Forward}}(input, output, output{{ResidualCalls.PerCallArguments(c)}});
            }

            """);

        /// <summary>What Backward checks a training Forward by: that there was one, and its per-call extents.</summary>
        public static void EmitTrainingMarks(IndentedWriter w, LayerContext c) => w.Template($$"""
            {{TrainingMarks(c)}}
            """);

        private static string TrainingMarks(LayerContext c) =>
            $"{HasForwardField} = true;\n{ForwardWasEvalField} = false;\n{c.DimensionNames.Record(ForwardShapePrefix)}";

        /// <summary>The one write of an eval-mode Forward besides its output (see the marks' declaration).</summary>
        public static void EmitEvalMark(IndentedWriter w) => w.Template($$"""
            {{EvalMark}}
            """);

        private const string EvalMark = $"if (!{ForwardWasEvalField} || !{HasForwardField}) {ForwardWasEvalField} = {HasForwardField} = true;";

        /// <summary>The statement that throws when a training call has one value per statistic, where that depends on the
        /// call's extents; empty where the plan checks nothing.</summary>
        public static string SingleValueCheck(LayerContext c) => !c.Plan.ChecksSingleValue ? ""
            : $"if ({Training} && {c.ValuesPerStatistic.ToLongCode()} <= 1L) {Names.ShapeGuard}.ThrowSingleValue({DescribeShape}({c.DimensionList}), \"{c.Configuration.AxesText}\");";

        /// <summary>s = x + r into <c>sum</c>, then the plain Forward on s: the residual before the norm.</summary>
        private static void EmitSkipForward(IndentedWriter w, LayerContext c)
        {
            string formula = Formula(c).Replace("(x", "(s").Replace("x /", "s /");
            w.Template($$"""
                /// <summary>Adds <paramref name="residual"/> to <paramref name="input"/> into <paramref name="sum"/>, s = x + r, and normalises the sum into <paramref name="output"/>: {{formula}}. Backward takes the sum as its input; the gradient it writes is that of x and of r alike. {{Spans(c)}} The sum and the output may each be the input or the residual, not each other.{{c.DimensionNames.ExtentsNote}}</summary>
                """);
            using (w.Block($"public void {Forward}({c.ReadOnlySpan} input, {c.ReadOnlySpan} residual, {c.Span} sum, {c.Span} output{c.CallParameters})"))
            {
                w.Template($$"""
                    {{c.DimensionNames.ConstructedLocals}}
                    {{ShapeEmitter.LengthChecks(c, "input", "residual", "sum", "output")}}
                    {{SingleValueCheck(c)}}
                    {{ResidualCalls.SameOrSeparate(c, "sum", "input")}}
                    {{ResidualCalls.SameOrSeparate(c, "sum", "residual")}}
                    {{ResidualCalls.Separate(c, "output", "sum")}}
                    {{ResidualCalls.SameOrSeparate(c, "output", "input")}}
                    {{ResidualCalls.SameOrSeparate(c, "output", "residual")}}
                    """);
                c.Strategy.EmitAddNormalizeShortcut(w);
                w.Template($$"""
                    {{Names.Residuals}}.Add(input, residual, sum);
                    {{Forward}}(sum, output{{ResidualCalls.PerCallArguments(c)}});
                    """);
            }

            w.Line();
        }

        /// <summary>What a public method's summary says of its spans.</summary>
        public static string Spans(LayerContext c) => $"The spans are as long as each other, densely packed in {c.Configuration.LayoutText} order.";

        /// <summary>What the layer computes, for its documentation comments.</summary>
        public static string Formula(LayerContext c, bool withResidual = false)
        {
            string norm = c.Centered
                ? $"(x - mean) / sqrt(var + eps){(c.Affine ? $" * {Weight} + {Bias}" : "")}"
                : $"x / sqrt(mean(x^2) + eps){(c.Affine ? $" * {Weight}" : "")}";
            norm = withResidual ? $"{norm} + r" : norm;
            string activated = c.HasActivation ? $"{ActivationCalls.Describe(c.Activation)}({norm})" : norm;
            return $"y = {activated}{(c.Centered ? "" : " (RMSNorm)")}";
        }

        /// <summary>Declares <c>buffers</c> as the layer's own set, first grown to this call's statistic count when
        /// that depends on per-call extents: training calls keep their statistics for Backward.</summary>
        public static void DeclareOwnBuffers(IndentedWriter w, LayerContext c) => w.Template($$"""
            {{(c.Plan.Has(Kernels.EnsureStatisticCapacity) ? $"{EnsureStatisticCapacity}({c.StatisticCount.ToCode()});" : "")}}
            {{CallBuffers.Type(c)}} {{CallBuffers.Local}} = {{StatisticsField}};
            """);

        private static void EmitBatchPath(IndentedWriter w, LayerContext c, bool updateRunning)
        {
            c.Strategy.EmitTrainingForward(w);
            if (updateRunning)
            {
                w.Template($$"""
                    {{UpdateRunningStatistics}}({{CallBuffers.Local}}{{c.DimensionArguments}});
                    """);
            }
        }

        private static void EmitEnsureCapacity(IndentedWriter w, LayerContext c) => w.Template($$"""
            /// <summary>Makes room for the statistics of calls up to this shape, so that no later Forward or Backward of that size or smaller allocates (without it, the first call at a new largest shape does); the int parameters are the largest extents to come.</summary>
            public void {{Reserve}}({{string.Join(", ", c.PerCall.Select(p => $"int {p}"))}})
            {
                {{c.DimensionNames.ConstructedLocals}}
                {{ElementCount}}({{c.DimensionList}});
                {{EnsureStatisticCapacity}}({{c.StatisticCount.ToCode()}});
            }

            // The statistic count depends on per-call extents: buffers grow when a call needs more than any before it.
            private void {{EnsureStatisticCapacity}}(int statistics) => {{StatisticsField}}.EnsureCapacity(statistics);

            """);

        /// <summary>", through relu" and so on for a fused activation's comments; empty without one.</summary>
        public static string ThenActivation(LayerContext c) =>
            $"{(c.ResidualBeforeActivation ? ", plus the residual r" : "")}{(c.HasActivation ? $", through {ActivationCalls.Describe(c.Activation)}" : "")}";
    }
}
