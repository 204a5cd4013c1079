using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the public <c>Forward</c>: checks every argument before touching anything, then runs the
    /// statistics and normalisation kernels (their calls and the training kernels are the layer's
    /// <see cref="KernelStrategy"/>'s) and records what <c>Backward</c> needs.</summary>
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

            c.Strategy.EmitForwardKernels(w);
            if (plan.Has(Kernels.Normalize))
            {
                c.Strategy.EmitNormalizeKernel(w);
            }

            if (plan.Has(Kernels.NormalizeWithRunningStatistics))
            {
                LoopNestKernels.EmitNormalize(w, c, "NormalizeWithRunningStatistics", StatisticView.Running);
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
        public static void EmitTrainingMarks(IndentedWriter w, LayerContext c)
        {
            w.Line("_hasForward = true;");
            w.Line("_forwardWasEval = false;");
            foreach (var dimension in c.PerCall)
            {
                w.Line("_forward" + StateEmitter.Capitalise(dimension) + " = " + dimension + ";");
            }
        }

        public static void EmitEvalMark(IndentedWriter w)
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
                c.Strategy.EmitAddNormalizeShortcut(w);
                w.Line(Names.Residuals + ".Add(input, residual, sum);");
                w.Line("Forward(sum, output" + ResidualCalls.PerCallArguments(c) + ");");
            }
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
            c.Strategy.EmitRunningNormalize(w);
        }

        private static void EmitBatchPath(IndentedWriter w, LayerContext c, bool updateRunning)
        {
            c.Strategy.EmitTrainingForward(w);
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

        /// <summary>", through relu" and so on for a fused activation's comments; empty without one.</summary>
        public static string ThenActivation(LayerContext c) =>
            (c.ResidualBeforeActivation ? ", plus the residual r" : "") + (c.HasActivation ? ", through " + ActivationCalls.Describe(c.Activation) : "");
    }
}
