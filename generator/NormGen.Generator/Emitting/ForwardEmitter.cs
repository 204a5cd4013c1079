using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the public <c>Forward</c>: checks every argument before touching anything, then runs the
    /// statistics and normalisation kernels and records what <c>Backward</c> needs.</summary>
    internal static class ForwardEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            EmitPublic(w, c, withResidual: false);
            if (c.ResidualBeforeActivation)
            {
                w.Line();
                EmitPublic(w, c, withResidual: true);
            }

            if (c.ResidualBeforeNorm)
            {
                w.Line();
                EmitSkipForward(w, c);
            }

            w.Line();
            var plan = c.Plan;
            if (plan.Has(Kernels.EnsureStatisticCapacity))
            {
                EmitEnsureCapacity(w, c);
            }

            if (plan.Has(Kernels.NormalizeWithBatchStatistics))
            {
                EmitNormalizeFused(w, c, addsResidual: false);
                if (plan.Has(Kernels.AddNormalizeWithBatchStatistics))
                {
                    EmitNormalizeFused(w, c, addsResidual: true);
                }

                if (plan.Has(Kernels.BatchStatisticsOneByOne))
                {
                    EmitStatisticsFused(w, c);
                }

                FusedCalls.EmitOnThreads(w, c, "NormalizeWithBatchStatistics", ResidualCalls.SpanParameters(c), ResidualCalls.ThreadSpans(c), ResidualCalls.ThreadRefs(c));
            }

            if (plan.Has(Kernels.Normalize))
            {
                EmitNormalize(w, c, "Normalize", StatisticView.Batch);
            }

            if (plan.Has(Kernels.NormalizeWithRunningStatistics))
            {
                EmitNormalize(w, c, "NormalizeWithRunningStatistics", StatisticView.Running);
            }
        }

        /// <summary>The public Forward: checks every argument before touching anything, then the kernels. A layer with the
        /// residual before its activation has two: with the residual, and the plain one, which takes r = 0 by clearing
        /// the output and reading it as the residual.</summary>
        private static void EmitPublic(IndentedWriter w, LayerContext c, bool withResidual)
        {
            string T = c.T;
            w.Line("/// <summary>Normalises <paramref name=\"input\"/> into <paramref name=\"output\"/>: " + Formula(c, withResidual) + ".</summary>");
            w.Line("/// <param name=\"input\">The input, densely packed in " + c.Configuration.LayoutText + " order.</param>");
            if (withResidual)
            {
                w.Line("/// <param name=\"residual\">r, added after the affine" + (c.HasActivation ? " and before the activation" : "") + "; as long as the input. The output may be this span itself.</param>");
            }

            w.Line("/// <param name=\"output\">Receives the output; as long as the input.</param>");
            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The " + dimension + " extent of this call.</param>");
            }

            string residualParameter = withResidual ? Names.ReadOnlySpan + "<" + c.Tensor + "> residual, " : "";
            using (w.Block("public void Forward(" + Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + residualParameter + Names.Span + "<" + c.Tensor + "> output" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = ElementCount(" + c.DimensionList + ");");
                w.Line("CheckLength(nameof(input), input.Length, count" + c.DimensionArguments + ");");
                if (withResidual)
                {
                    w.Line("CheckLength(nameof(residual), residual.Length, count" + c.DimensionArguments + ");");
                }

                w.Line("CheckLength(nameof(output), output.Length, count" + c.DimensionArguments + ");");
                if (!c.ValuesPerStatistic.IsConstant && c.Centered)
                {
                    w.Line("if (Training && " + c.ValuesPerStatistic.ToLongCode() + " <= 1L) " + Names.ShapeGuard + ".ThrowSingleValue(DescribeShape(" + c.DimensionList + "), \"" + c.Configuration.AxesText + "\");");
                }

                EmitResidualChecks(w, c, withResidual);
                w.Line();
                w.Line("ref " + c.Tensor + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
                if (c.ResidualBeforeActivation)
                {
                    w.Line("ref " + c.Tensor + " res = ref " + Names.MemoryMarshal + ".GetReference(residual);");
                }

                w.Line("ref " + c.Tensor + " y = ref " + Names.MemoryMarshal + ".GetReference(output);");
                using (w.Block("if (Training)"))
                {
                    DeclareOwnBuffers(w, c);
                    EmitBatchPath(w, c, updateRunning: c.Tracks);
                    EmitTrainingMarks(w, c);
                }

                using (w.Block("else"))
                {
                    EmitEvalMark(w);
                    CallBuffers.DeclareThreads(w, c, (c.Tracks ? c.RunningCount : c.StatisticCount).ToCode());
                    if (c.Tracks)
                    {
                        EmitRunningPath(w, c);
                    }
                    else
                    {
                        EmitBatchPath(w, c, updateRunning: false);
                    }
                }
            }
        }

        /// <summary>What Backward checks a training Forward by: that there was one, and its per-call extents.</summary>
        private static void EmitTrainingMarks(IndentedWriter w, LayerContext c)
        {
            w.Line("_hasForward = true;");
            w.Line("_forwardWasEval = false;");
            foreach (var dimension in c.PerCall)
            {
                w.Line("_forward" + StateEmitter.Capitalise(dimension) + " = " + dimension + ";");
            }
        }

        private static void EmitEvalMark(IndentedWriter w)
        {
            w.Line("// Eval mode writes nothing but the output: the statistics go to the calling thread's buffers. The one exception");
            w.Line("// marks the last Forward as eval for Backward, once after a training call: every eval call stores the same values.");
            using (w.Block("if (!_forwardWasEval || !_hasForward)"))
            {
                w.Line("_forwardWasEval = true;");
                w.Line("_hasForward = true;");
            }
        }

        /// <summary>The residual's aliasing rules, then for the plain Forward of a layer with the residual before its
        /// activation, r = 0: the output cleared and read as the residual.</summary>
        private static void EmitResidualChecks(IndentedWriter w, LayerContext c, bool withResidual)
        {
            if (!c.ResidualBeforeActivation)
            {
                return;
            }

            if (withResidual)
            {
                w.Line(ResidualCalls.SameOrSeparate(c, "output", "residual"));
                return;
            }

            w.Line(ResidualCalls.Separate(c, "output", "input"));
            w.Line("// r = 0: the output is cleared and read as the residual (each element is read before it is written).");
            w.Line("output.Clear();");
            w.Line(Names.ReadOnlySpan + "<" + c.Tensor + "> residual = output;");
        }

        /// <summary>s = x + r into <c>sum</c>, then the plain Forward on s: the residual before the norm.</summary>
        private static void EmitSkipForward(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            w.Line("/// <summary>Adds <paramref name=\"residual\"/> to <paramref name=\"input\"/> into <paramref name=\"sum\"/>, s = x + r, and");
            w.Line("/// normalises the sum into <paramref name=\"output\"/>: " + Formula(c).Replace("(x", "(s").Replace("x /", "s /") + ".");
            w.Line("/// Backward takes <paramref name=\"sum\"/> as its input; the gradient it writes is that of x and of r alike.</summary>");
            w.Line("/// <param name=\"input\">x, densely packed in " + c.Configuration.LayoutText + " order.</param>");
            w.Line("/// <param name=\"residual\">r, as long as the input.</param>");
            w.Line("/// <param name=\"sum\">Receives s = x + r, for the next block and for Backward; may be the input or the residual itself.</param>");
            w.Line("/// <param name=\"output\">Receives the output; may be the input or the residual itself, never the sum.</param>");
            using (ResidualCalls.OpenPublic(w, c, "Forward(" + Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> residual, " + Names.Span + "<" + c.Tensor + "> sum, " + Names.Span + "<" + c.Tensor + "> output"))
            {
                foreach (var span in new[] { "input", "residual", "sum", "output" })
                {
                    w.Line("CheckLength(nameof(" + span + "), " + span + ".Length, count" + c.DimensionArguments + ");");
                }

                if (!c.ValuesPerStatistic.IsConstant && c.Centered)
                {
                    w.Line("if (Training && " + c.ValuesPerStatistic.ToLongCode() + " <= 1L) " + Names.ShapeGuard + ".ThrowSingleValue(DescribeShape(" + c.DimensionList + "), \"" + c.Configuration.AxesText + "\");");
                }

                w.Line(ResidualCalls.SameOrSeparate(c, "sum", "input"));
                w.Line(ResidualCalls.SameOrSeparate(c, "sum", "residual"));
                w.Line(ResidualCalls.Separate(c, "output", "sum"));
                w.Line(ResidualCalls.SameOrSeparate(c, "output", "input"));
                w.Line(ResidualCalls.SameOrSeparate(c, "output", "residual"));
                EmitSkipFused(w, c);
                w.Line(Names.Residuals + ".Add(input, residual, sum);");
                w.Line("Forward(sum, output" + ResidualCalls.PerCallArguments(c) + ");");
            }
        }

        /// <summary>The residual before the norm on a layer that takes one statistic at a time: s written, then its statistic
        /// and y taken from cache, on the calling thread (with threads, a large call writes s in a pass of its own, then
        /// normalises it on threads). Eval mode of a layer with running statistics takes the plain path.</summary>
        private static void EmitSkipFused(IndentedWriter w, LayerContext c)
        {
            if (!c.Plan.Has(Kernels.AddNormalizeWithBatchStatistics))
            {
                return;
            }

            string T = c.T;
            string threads = "_threads <= 1 || count < " + Names.Parallel + ".MinimumElements";
            string condition = c.Tracks || c.Fusion == StatisticFusion.WhenSmall
                ? (c.Tracks ? "Training && " : "") + (c.Fusion == StatisticFusion.WhenSmall ? c.FusionCondition + " && " : "") + "(" + threads + ")"
                : threads;
            string call = "AddNormalizeWithBatchStatistics(ref x, ref res, ref s, ref y, 0, " + c.SplitExtent + CallBuffers.Arguments(c) + ");";
            w.Line("// One statistic at a time: s = x + r written, then its statistic and y from cache.");
            using (w.Block("if (" + condition + ")"))
            {
                w.Line("ref " + c.Tensor + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
                w.Line("ref " + c.Tensor + " res = ref " + Names.MemoryMarshal + ".GetReference(residual);");
                w.Line("ref " + c.Tensor + " s = ref " + Names.MemoryMarshal + ".GetReference(sum);");
                w.Line("ref " + c.Tensor + " y = ref " + Names.MemoryMarshal + ".GetReference(output);");
                if (c.Tracks)
                {
                    // Training only (the condition says so): eval mode normalises with the running statistics.
                    DeclareOwnBuffers(w, c);
                    w.Line(call);
                    w.Line("UpdateRunningStatistics(" + CallBuffers.Local + c.DimensionArguments + ");");
                    EmitTrainingMarks(w, c);
                }
                else
                {
                    using (w.Block("if (Training)"))
                    {
                        DeclareOwnBuffers(w, c);
                        w.Line(call);
                        EmitTrainingMarks(w, c);
                    }

                    using (w.Block("else"))
                    {
                        EmitEvalMark(w);
                        CallBuffers.DeclareThreads(w, c, c.StatisticCount.ToCode());
                        w.Line(call);
                    }
                }

                w.Line("return;");
            }

            w.Line();
        }

        /// <summary>What the layer computes, for its documentation comments.</summary>
        public static string Formula(LayerContext c, bool withResidual = false)
        {
            string norm = c.Centered
                ? "(x - mean) / sqrt(var + eps)" + (c.Affine ? " * Weight + Bias" : "")
                : "x / sqrt(mean(x^2) + eps)" + (c.Affine ? " * Weight" : "");
            if (withResidual)
            {
                norm += " + r";
            }

            return "y = " + (c.HasActivation ? ActivationCalls.Describe(c.Activation) + "(" + norm + ")" : norm) + (c.Centered ? "" : " (RMSNorm)");
        }

        /// <summary>Declares <c>buffers</c> as the layer's own set, first grown to this call's statistic count when
        /// that depends on per-call extents: training calls keep their statistics for Backward.</summary>
        public static void DeclareOwnBuffers(IndentedWriter w, LayerContext c)
        {
            if (!c.FixedStatisticCount)
            {
                w.Line("EnsureStatisticCapacity(" + c.StatisticCount.ToCode() + ");");
            }

            w.Line(CallBuffers.Type(c) + " " + CallBuffers.Local + " = " + CallBuffers.Field + ";");
        }

        /// <summary>The output from the running statistics (eval mode of a layer that tracks them).</summary>
        private static void EmitRunningPath(IndentedWriter w, LayerContext c)
        {
            w.Line("LoadRunningStatistics(" + CallBuffers.Local + ");");
            ShortRunCalls.EmitChoice(w, c, route => ShortRunCalls.Normalize(c, route), () => w.Lines(c.RunningViewDiffers
                ? "NormalizeWithRunningStatistics(" + ResidualCalls.KernelArguments(c) + CallBuffers.Arguments(c) + ");"
                : RowSliceCalls.Call(c, "Normalize", ResidualCalls.SpanArguments(c), ResidualCalls.KernelArguments(c))));
        }

        /// <summary>Batch statistics of the input into <c>buffers</c>, without the output: what Backward in eval mode
        /// takes again for a layer without running statistics. The same kernels as Forward's, so the statistics are
        /// bitwise those its Forward used.</summary>
        public static void EmitBatchStatistics(IndentedWriter w, LayerContext c) =>
            ShortRunCalls.EmitChoice(w, c, route => ShortRunCalls.BatchStatistics(c, route), () => FusedCalls.EmitFusionChoice(
                w,
                c,
                "BatchStatisticsOneByOne(ref x, 0, " + c.SplitExtent + CallBuffers.Arguments(c) + ");",
                StatisticsEmitter.Call(c)));

        private static void EmitBatchPath(IndentedWriter w, LayerContext c, bool updateRunning)
        {
            ShortRunCalls.EmitChoice(w, c, route => ShortRunCalls.TrainingForward(c, route), () => FusedCalls.EmitFusionChoice(
                w,
                c,
                FusedCalls.Call(c, "NormalizeWithBatchStatistics", ResidualCalls.SpanArguments(c), ResidualCalls.KernelArguments(c)),
                StatisticsEmitter.Call(c)
                    + "\n" + RowSliceCalls.Call(c, "Normalize", ResidualCalls.SpanArguments(c), ResidualCalls.KernelArguments(c)),
                "// One statistic at a time while its values fit in cache, else whole-tensor passes."));
            if (updateRunning)
            {
                w.Line("UpdateRunningStatistics(" + CallBuffers.Local + c.DimensionArguments + ");");
            }
        }

        private static void EmitEnsureCapacity(IndentedWriter w, LayerContext c)
        {
            w.Line("/// <summary>Makes room for the statistics of calls up to this shape, so that no later Forward or Backward");
            w.Line("/// of that size or smaller allocates. Without it, the first call at a new largest shape does.</summary>");
            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The largest " + dimension + " extent to come.</param>");
            }

            using (w.Block("public void Reserve(" + string.Join(", ", c.PerCall.Select(p => "int " + p)) + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("ElementCount(" + c.DimensionList + ");");
                w.Line("EnsureStatisticCapacity(" + c.StatisticCount.ToCode() + ");");
            }

            w.Line();
            w.Line("// The statistic count depends on per-call extents: buffers grow when a call needs more than any before it.");
            using (w.Block("private void EnsureStatisticCapacity(int statistics)"))
            {
                w.Line(CallBuffers.Field + ".EnsureCapacity(statistics);");
            }

            w.Line();
        }

        /// <summary>y = (x - mean) * (invStd * weight) + bias, element by element.</summary>
        private static void EmitNormalize(IndentedWriter w, LayerContext c, string name, StatisticView view)
        {
            if (view == StatisticView.Batch && c.ChannelsLast is { } channelsLast)
            {
                ChannelsLastKernelEmitter.EmitNormalize(w, channelsLast);
                return;
            }

            w.Line((c.Centered ? "// y = (x - mean) * invStd" + (c.Affine ? " * weight + bias" : "") : "// y = x * invStd" + (c.Affine ? " * weight" : "")) + ThenActivation(c));
            using (w.Block("private void " + name + "(" + ResidualCalls.KernelParameters(c) + CallBuffers.Parameters(c) + ")"))
            {
                DeclareNormalizeArrays(w, c);
                LoopNestEmitter.Emit(w, c.Nest(view, c.Affine), run => VectorLoopBodies.Normalize(c, run).Emit(w, run.Length));
            }

            w.Line();
        }

        /// <summary>Statistics and normalisation one statistic at a time: its values are read from memory once, then
        /// summed, squared and normalised from cache.</summary>
        private static void EmitNormalizeFused(IndentedWriter w, LayerContext c, bool addsResidual)
        {
            int depth = c.StatisticMajorDepth;
            if (addsResidual)
            {
                w.Line("// For each statistic: s = input + res into x, then as NormalizeWithBatchStatistics on x, from cache.");
            }

            w.Line(c.Centered
                ? "// For each statistic: mean, invStd (leaving sum((x - mean)^2) in _sum), then y = (x - mean) * invStd" + (c.Affine ? " * weight + bias" : "") + ThenActivation(c) + "."
                : "// For each statistic: invStd from the mean square (leaving sum(x^2) in _sum), then y = x * invStd" + (c.Affine ? " * weight" : "") + ThenActivation(c) + ".");
            w.Line("// Statistics [start, end) of the outermost loop, so that threads can share them.");
            string parameters = addsResidual ? "ref " + c.Tensor + " input, ref " + c.Tensor + " res, ref " + c.Tensor + " x, ref " + c.Tensor + " y" : ResidualCalls.KernelParameters(c);
            using (w.Block("private void " + (addsResidual ? "AddNormalizeWithBatchStatistics(" : "NormalizeWithBatchStatistics(") + parameters + ", int start, int end" + CallBuffers.Parameters(c) + ")"))
            {
                DeclareNormalizeArrays(w, c);
                KernelSnippets.DeclareStatistics(w, c, "_sum");
                KernelSnippets.DeclareInverseCount(w, c);
                LoopNestEmitter.EmitRange(w, c.StatisticMajorNest, 0, depth, Offsets.Zero, at =>
                {
                    if (addsResidual)
                    {
                        LoopNestEmitter.EmitFrom(w, c.StatisticMajorNest, depth, at, run => VectorLoopBodies.ResidualSum(c, run).Emit(w, run.Length));
                    }

                    StatisticsEmitter.EmitOneStatistic(w, c, at);
                    LoopNestEmitter.EmitFrom(w, c.StatisticMajorNest, depth, at, run => VectorLoopBodies.Normalize(c, run).Emit(w, run.Length));
                }, ranged: true);
            }

            w.Line();
        }

        /// <summary>The statistics of <see cref="EmitNormalizeFused"/> alone, for Backward in eval mode.</summary>
        private static void EmitStatisticsFused(IndentedWriter w, LayerContext c)
        {
            w.Line(c.Centered
                ? "// For each statistic: mean, invStd (leaving sum((x - mean)^2) in Sum), as NormalizeWithBatchStatistics takes them."
                : "// For each statistic: invStd from the mean square (leaving sum(x^2) in Sum), as NormalizeWithBatchStatistics takes them.");
            using (w.Block("private void BatchStatisticsOneByOne(ref " + c.Tensor + " x, int start, int end" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
                KernelSnippets.DeclareInverseCount(w, c);
                LoopNestEmitter.EmitRange(w, c.StatisticMajorNest, 0, c.StatisticMajorDepth, Offsets.Zero, at => StatisticsEmitter.EmitOneStatistic(w, c, at), ranged: true);
            }

            w.Line();
        }

        /// <summary>", through relu" and so on for a fused activation's comments; empty without one.</summary>
        public static string ThenActivation(LayerContext c) =>
            (c.ResidualBeforeActivation ? ", plus the residual r" : "") + (c.HasActivation ? ", through " + ActivationCalls.Describe(c.Activation) : "");

        public static void DeclareNormalizeArrays(IndentedWriter w, LayerContext c)
        {
            KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd");
            if (c.Affine)
            {
                KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                if (c.HasBias)
                {
                    KernelSnippets.DeclareArray(w, c, "bias", "Bias");
                }
            }
        }
    }
}
