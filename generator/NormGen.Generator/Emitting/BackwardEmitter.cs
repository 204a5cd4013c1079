using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes <c>Backward</c>. With xhat = (x - mean) * invStd and g = dy * weight, batch statistics give
    /// dx = invStd * (g - mean(g) - xhat * mean(g * xhat)) over each statistic's values; statistics taken from the
    /// running estimates are constants, so dx = g * invStd. dWeight += sum(dy * xhat), dBias += sum(dy).
    /// </summary>
    internal static class BackwardEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            EmitPublic(w, c, withResidual: false);
            var plan = c.Plan;
            if (plan.Has(Kernels.ResidualGradient))
            {
                EmitPublic(w, c, withResidual: true);
                EmitResidualGradient(w, c, StatisticView.Batch, withResidual: true);
                EmitResidualGradient(w, c, StatisticView.Batch, withResidual: false);
                if (c.Tracks && c.RunningViewDiffers)
                {
                    EmitResidualGradient(w, c, StatisticView.Running, withResidual: true);
                    EmitResidualGradient(w, c, StatisticView.Running, withResidual: false);
                }
            }

            else if (c.ResidualBeforeActivation)
            {
                EmitCopyingResidualBackward(w, c);
            }

            if (c.ResidualBeforeNorm)
            {
                EmitSkipBackward(w, c);
            }

            if (plan.Has(Kernels.BackwardWithBatchStatistics))
            {
                EmitFused(w, c);
                if (c.ParallelBackward)
                {
                    FusedCalls.EmitOnThreads(w, c, "BackwardWithBatchStatistics", Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad", "input, outputGrad, inputGrad", "ref input, ref secondInput, ref output");
                }
            }

            if (plan.Has(Kernels.AccumulateBatchGradients))
            {
                EmitWholeTensor(w, c);
            }

            if (plan.Has(Kernels.InputGradientWithRunningStatistics))
            {
                if (plan.Has(Kernels.AccumulateParameterGradients))
                {
                    EmitSums(w, c, "AccumulateParameterGradients", c.EvalView, batchStatistics: false);
                }

                EmitInputGradient(w, c, "InputGradientWithRunningStatistics", c.EvalView, batchStatistics: false);
            }
        }

        /// <summary>The whole-tensor passes with batch statistics: the channels-last kernels where they apply.</summary>
        private static void EmitWholeTensor(IndentedWriter w, LayerContext c)
        {
            if (c.ChannelsLast is { } channelsLast)
            {
                ChannelsLastGradientSumsEmitter.Emit(w, channelsLast);
                ChannelsLastKernelEmitter.EmitInputGradient(w, channelsLast);
                return;
            }

            EmitSums(w, c, "AccumulateBatchGradients", StatisticView.Batch, batchStatistics: true);
            EmitInputGradient(w, c, "InputGradient", StatisticView.Batch, batchStatistics: true);
        }

        private static void EmitPublic(IndentedWriter w, LayerContext c, bool withResidual)
        {
            string T = c.T;
            w.Line("/// <summary>Back-propagates through the last Forward, which must have had the same shape: writes");
            w.Line("/// <paramref name=\"inputGrad\"/>" + (withResidual ? " and <paramref name=\"residualGrad\"/>" : "") + (c.HasBias ? " and adds to <see cref=\"WeightGrad\"/> and <see cref=\"BiasGrad\"/>" : c.Affine ? " and adds to <see cref=\"WeightGrad\"/>" : "") + "." + ResidualSummary(c, withResidual) + "</summary>");
            w.Line("/// <param name=\"input\">The input of the last Forward" + (c.ResidualBeforeNorm ? " (the sum s = x + r, for the residual before the norm)" : "") + ".</param>");
            if (withResidual)
            {
                w.Line("/// <param name=\"residual\">The residual of the last Forward.</param>");
            }

            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to the output.</param>");
            w.Line("/// <param name=\"inputGrad\">Receives the gradient of the loss with respect to the input.</param>");
            if (withResidual)
            {
                w.Line("/// <param name=\"residualGrad\">Receives the gradient with respect to the residual, dy * act'(norm(x) + r); may be outputGrad or residual itself.</param>");
            }

            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The " + dimension + " extent of this call.</param>");
            }

            string signature = withResidual
                ? Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> residual, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad, " + Names.Span + "<" + c.Tensor + "> residualGrad"
                : Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad";
            using (w.Block("public void Backward(" + signature + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = ElementCount(" + c.DimensionList + ");");
                foreach (var span in withResidual ? new[] { "input", "residual", "outputGrad", "inputGrad", "residualGrad" } : new[] { "input", "outputGrad", "inputGrad" })
                {
                    w.Line("CheckLength(nameof(" + span + "), " + span + ".Length, count" + c.DimensionArguments + ");");
                }

                string sameShape = string.Concat(c.PerCall.Select(p => " || _forward" + StateEmitter.Capitalise(p) + " != " + p));
                string lastShape = "DescribeShape(" + string.Join(", ", c.Dimensions.Select(p => c.PerCall.Contains(p) ? "_forward" + StateEmitter.Capitalise(p) : p)) + ")";
                w.Line("// Through the statistics of the last Forward, in its mode: a training Forward kept them (for its shape); an eval");
                w.Line("// Forward kept nothing, and they are taken again" + (c.Tracks ? " from the running estimates." : " from the input."));
                string noMatch = sameShape.Length == 0 ? "!_hasForward" : "!_hasForward || (!_forwardWasEval && (" + sameShape.Substring(4) + "))";
                w.Line("if (" + noMatch + ") " + Names.ShapeGuard + ".ThrowNoMatchingForward(DescribeShape(" + c.DimensionList + "), _hasForward && !_forwardWasEval ? " + lastShape + " : null);");
                EmitResidualChecks(w, c, withResidual);
                w.Line();
                w.Line("ref " + c.Tensor + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
                if (withResidual)
                {
                    w.Line("ref " + c.Tensor + " res = ref " + Names.MemoryMarshal + ".GetReference(residual);");
                    w.Line("ref " + c.Tensor + " dr = ref " + Names.MemoryMarshal + ".GetReference(residualGrad);");
                }

                w.Line("ref " + c.Tensor + " dy = ref " + Names.MemoryMarshal + ".GetReference(outputGrad);");
                w.Line("ref " + c.Tensor + " dx = ref " + Names.MemoryMarshal + ".GetReference(inputGrad);");
                if (c.Affine)
                {
                    w.Line("global::System.Array.Clear(_weightGradStep, 0, _weightGradStep.Length);");
                    if (c.HasBias)
                    {
                        w.Line("global::System.Array.Clear(_biasGradStep, 0, _biasGradStep.Length);");
                    }
                }

                ForwardEmitter.DeclareOwnBuffers(w, c);
                if (c.Tracks)
                {
                    using (w.Block("if (!_forwardWasEval)"))
                    {
                        EmitResidualGradientCall(w, c, StatisticView.Batch, withResidual);
                        EmitBatchCalls(w, c);
                    }

                    using (w.Block("else"))
                    {
                        w.Line("LoadRunningStatistics(" + CallBuffers.Local + ");");
                        EmitResidualGradientCall(w, c, c.EvalView, withResidual);
                        ShortRunCalls.EmitChoice(w, c, route => ShortRunCalls.RunningGradient(c, route), () =>
                        {
                            if (c.Affine)
                            {
                                w.Line("AccumulateParameterGradients(ref x, ref dy" + CallBuffers.Arguments(c) + ");");
                            }

                            w.Line("InputGradientWithRunningStatistics(" + (c.BackwardThroughActivation ? "ref x, " : "") + "ref dy, ref dx" + CallBuffers.Arguments(c) + ");");
                        });
                    }
                }
                else
                {
                    using (w.Block("if (_forwardWasEval)"))
                    {
                        ForwardEmitter.EmitBatchStatistics(w, c);
                    }

                    EmitResidualGradientCall(w, c, StatisticView.Batch, withResidual);
                    EmitBatchCalls(w, c);
                }

                if (c.Affine)
                {
                    w.Line("global::NormGen.Runtime.Buffers.Accumulate(WeightGrad, _weightGradStep, " + c.ParameterCount.ToCode() + ");");
                    if (c.HasBias)
                    {
                        w.Line("global::NormGen.Runtime.Buffers.Accumulate(BiasGrad, _biasGradStep, " + c.ParameterCount.ToCode() + ");");
                    }
                }
            }

            w.Line();
        }

        /// <summary>What the summary adds about the residual's gradient.</summary>
        private static string ResidualSummary(LayerContext c, bool withResidual) =>
            withResidual ? " The residual's gradient is dz = dy * act'(z), z = norm(x) + r, the gradient the normalisation takes too."
            : c.ResidualGradientPass ? " Takes r = 0; the overload with the residual also returns its gradient."
            : c.ResidualBeforeActivation ? " The residual's gradient is outputGrad itself (y = norm(x) + r)."
            : c.ResidualBeforeNorm ? " inputGrad is the gradient of x and of r alike (s = x + r); the overload with sumGrad adds the skip path's."
            : "";

        /// <summary>The aliasing rules of the residual's gradient pass, which writes dz before the normalisation's backward
        /// reads x: dz may replace dy (or r) in place, never x nor a gradient still to be written.</summary>
        private static void EmitResidualChecks(IndentedWriter w, LayerContext c, bool withResidual)
        {
            if (!c.ResidualGradientPass)
            {
                return;
            }

            if (withResidual)
            {
                w.Line(ResidualCalls.SameOrSeparate(c, "residualGrad", "outputGrad"));
                w.Line(ResidualCalls.SameOrSeparate(c, "residualGrad", "residual"));
                w.Line(ResidualCalls.Separate(c, "residualGrad", "input"));
                w.Line(ResidualCalls.Separate(c, "residualGrad", "inputGrad"));
                return;
            }

            w.Line(ResidualCalls.Separate(c, "inputGrad", "input"));
        }

        /// <summary>With the residual's gradient pass: dz into residualGrad (or, with r = 0, into inputGrad), which
        /// then stands for dy in the normalisation's kernels.</summary>
        private static void EmitResidualGradientCall(IndentedWriter w, LayerContext c, StatisticView view, bool withResidual)
        {
            if (!c.ResidualGradientPass)
            {
                return;
            }

            string into = withResidual ? "dr" : "dx";
            w.Line("// dz = dy * " + ActivationCalls.Describe(c.Activation) + "'(norm(x)" + (withResidual ? " + r" : "") + ") into " + (withResidual ? "residualGrad" : "inputGrad") + "; the normalisation's backward takes it for dy.");
            w.Line(ResidualGradientName(view, withResidual) + "(ref x" + (withResidual ? ", ref res" : "") + ", ref dy, ref " + into + CallBuffers.Arguments(c) + ");");
            w.Line("outputGrad = " + (withResidual ? "residualGrad" : "inputGrad") + ";");
            w.Line("dy = ref " + into + ";");
        }

        private static string ResidualGradientName(StatisticView view, bool withResidual) =>
            (withResidual ? "ResidualGradient" : "ActivationGradient") + (view == StatisticView.Running ? "WithRunningStatistics" : "");

        /// <summary>dz = dy * act'(z), z = norm(x) (+ r), element by element with the statistics of the last Forward.</summary>
        private static void EmitResidualGradient(IndentedWriter w, LayerContext c, StatisticView view, bool withResidual)
        {
            string T = c.T;
            w.Line("// " + (withResidual ? "dr" : "dx") + " = dy * " + ActivationCalls.Describe(c.Activation) + "'(z), z = norm(x)" + (withResidual ? " + r" : "") + ".");
            using (w.Block("private void " + ResidualGradientName(view, withResidual) + "(ref " + c.Tensor + " x" + (withResidual ? ", ref " + c.Tensor + " res" : "") + ", ref " + c.Tensor + " dy, ref " + c.Tensor + (withResidual ? " dr" : " dx") + CallBuffers.Parameters(c) + ")"))
            {
                ForwardEmitter.DeclareNormalizeArrays(w, c);
                LoopNestEmitter.Emit(w, c.Nest(view, c.Affine), run => VectorLoopBodies.ResidualGradient(c, run, withResidual).Emit(w, run.Length));
            }

            w.Line();
        }

        /// <summary>The residual after the affine without an activation: dr = dy, so the plain Backward with dy copied to
        /// residualGrad (for callers that hold the layer by its interface; the plain call spares the copy).</summary>
        private static void EmitCopyingResidualBackward(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            w.Line("/// <summary>Back-propagates through the last Forward, y = norm(x) + r: the plain Backward, and dy copied to");
            w.Line("/// <paramref name=\"residualGrad\"/> (the residual's gradient is dy itself: the plain call with outputGrad as it spares the copy).</summary>");
            w.Line("/// <param name=\"input\">The input of the last Forward.</param>");
            w.Line("/// <param name=\"residual\">The residual of the last Forward (its gradient does not depend on it).</param>");
            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to the output.</param>");
            w.Line("/// <param name=\"inputGrad\">Receives the gradient with respect to the input; shares no element with outputGrad.</param>");
            w.Line("/// <param name=\"residualGrad\">Receives dy; may be outputGrad itself.</param>");
            using (ResidualCalls.OpenPublic(w, c, "Backward(" + Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> residual, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad, " + Names.Span + "<" + c.Tensor + "> residualGrad"))
            {
                w.Line("CheckLength(nameof(residual), residual.Length, count" + c.DimensionArguments + ");");
                w.Line("CheckLength(nameof(residualGrad), residualGrad.Length, count" + c.DimensionArguments + ");");
                w.Line(ResidualCalls.SameOrSeparate(c, "residualGrad", "outputGrad"));
                w.Line(ResidualCalls.Separate(c, "residualGrad", "inputGrad"));
                w.Line(ResidualCalls.Separate(c, "residualGrad", "input"));
                w.Line(ResidualCalls.Separate(c, "inputGrad", "outputGrad"));
                w.Line("Backward(input, outputGrad, inputGrad" + ResidualCalls.PerCallArguments(c) + ");");
                w.Line("outputGrad.CopyTo(residualGrad);");
            }

            w.Line();
        }

        /// <summary>The residual before the norm: Backward on the sum, then the skip path's gradient added.</summary>
        private static void EmitSkipBackward(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            w.Line("/// <summary>Back-propagates through the last Forward (s = x + r, y = norm(s)) when s also feeds the next block:");
            w.Line("/// writes inputGrad = ds = norm'(s) * dy + <paramref name=\"sumGrad\"/>, the gradient of x and of r alike, and adds");
            w.Line("/// to the parameter gradients as the plain Backward does.</summary>");
            w.Line("/// <param name=\"sum\">The sum s the last Forward wrote.</param>");
            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to the output y.</param>");
            w.Line("/// <param name=\"sumGrad\">Gradient of the loss with respect to s along the skip path (from the next block).</param>");
            w.Line("/// <param name=\"inputGrad\">Receives ds; shares no element with sumGrad.</param>");
            using (ResidualCalls.OpenPublic(w, c, "Backward(" + Names.ReadOnlySpan + "<" + c.Tensor + "> sum, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.ReadOnlySpan + "<" + c.Tensor + "> sumGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad"))
            {
                w.Line("CheckLength(nameof(sumGrad), sumGrad.Length, count" + c.DimensionArguments + ");");
                w.Line(ResidualCalls.Separate(c, "inputGrad", "sumGrad"));
                w.Line("Backward(sum, outputGrad, inputGrad" + ResidualCalls.PerCallArguments(c) + ");");
                w.Line(Names.Residuals + ".Add(inputGrad, sumGrad, inputGrad);");
            }

            w.Line();
        }

        private static void EmitBatchCalls(IndentedWriter w, LayerContext c) =>
            ShortRunCalls.EmitChoice(w, c, route => ShortRunCalls.BatchGradient(c, route), () => FusedCalls.EmitFusionChoice(
                w,
                c,
                c.ParallelBackward
                    ? FusedCalls.Call(c, "BackwardWithBatchStatistics", "input, outputGrad, inputGrad", "ref x, ref dy, ref dx")
                    : "BackwardWithBatchStatistics(ref x, ref dy, ref dx, 0, " + c.SplitExtent + CallBuffers.Arguments(c) + ");",
                (c.ChannelsLast is { } channelsLast ? ChannelsLastGradientSumsEmitter.Call(channelsLast) : "AccumulateBatchGradients(ref x, ref dy" + CallBuffers.Arguments(c) + ");") + "\n"
                    + RowSliceCalls.Call(c, "InputGradient", "input, outputGrad, inputGrad", "ref x, ref dy, ref dx")));

        /// <summary>Both passes one statistic at a time, its values read from memory once and again from cache.</summary>
        private static void EmitFused(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            int depth = c.StatisticMajorDepth;
            var nest = c.StatisticMajorNest;
            w.Line(c.Centered
                ? "// For each statistic: mean(g) and mean(g * xhat) over its values, then dx = invStd * (g - mean(g) - xhat * mean(g * xhat))."
                : "// For each statistic: mean(g * xhat) over its values, then dx = invStd * (g - xhat * mean(g * xhat)), xhat = x * invStd (RMSNorm).");
            if (c.BackwardThroughActivation)
            {
                w.Line("// g and the weight gradients take dz = dy * " + ActivationCalls.Describe(c.Activation) + "'(z) in place of dy, z = xhat" + (c.Affine ? " * weight" + (c.HasBias ? " + bias" : "") : "") + " recomputed from x"
                    + (c.KeepsActivationGradient ? "; the first pass leaves dz in dx for the second." : "."));
            }

            w.Line("// Statistics [start, end) of the outermost loop" + (c.ParallelBackward ? ", so that threads can share them." : "."));
            using (w.Block("private void BackwardWithBatchStatistics(ref " + c.Tensor + " x, ref " + c.Tensor + " dy, ref " + c.Tensor + " dx, int start, int end" + CallBuffers.Parameters(c) + ")"))
            {
                DeclareArrays(w, c, batchStatistics: true);
                KernelSnippets.DeclareInverseCount(w, c);
                LoopNestEmitter.EmitRange(w, nest, 0, depth, Offsets.Zero, at =>
                {
                    if (c.Centered)
                    {
                        w.Line(KernelSnippets.At("sum", at.Statistic) + " = " + c.Names.Zero + ";");
                    }

                    w.Line(KernelSnippets.At("sumXhat", at.Statistic) + " = " + c.Names.Zero + ";");
                    LoopNestEmitter.EmitFrom(w, nest, depth, at, run => VectorLoopBodies.GradientSums(c, run, batchStatistics: true, c.KeepsActivationGradient).Emit(w, run.Length));
                    if (c.Centered)
                    {
                        w.Line(KernelSnippets.At("sum", at.Statistic) + " *= inverseCount;");
                    }

                    w.Line(KernelSnippets.At("sumXhat", at.Statistic) + " *= inverseCount;");
                    LoopNestEmitter.EmitFrom(w, nest, depth, at, run => VectorLoopBodies.InputGradient(c, run, batchStatistics: true, c.KeepsActivationGradient).Emit(w, run.Length));
                }, ranged: true);
            }

            w.Line();
        }

        private static void DeclareArrays(IndentedWriter w, LayerContext c, bool batchStatistics)
        {
            KernelSnippets.DeclareStatistics(w, c, BatchArrays(c, batchStatistics));
            if (c.Affine)
            {
                KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                KernelSnippets.DeclareArray(w, c, "weightGrad", "_weightGradStep");
                if (c.HasBias)
                {
                    KernelSnippets.DeclareArray(w, c, "biasGrad", "_biasGradStep");
                }
            }

            DeclareActivationBias(w, c);
        }

        /// <summary>The bias, which the pre-activation z = xhat * weight + bias needs, when there is an activation.</summary>
        private static void DeclareActivationBias(IndentedWriter w, LayerContext c)
        {
            if (c.BackwardThroughActivation && c.HasBias)
            {
                KernelSnippets.DeclareArray(w, c, "bias", "Bias");
            }
        }

        /// <summary>The statistic arrays the gradient kernels read: RMSNorm's have no mean and no sum of g.</summary>
        private static string[] BatchArrays(LayerContext c, bool batchStatistics) =>
            !batchStatistics ? new[] { "_mean", "_invStd" }
            : c.Centered ? new[] { "_mean", "_invStd", "_sum", "_sumXhat" }
            : new[] { "_invStd", "_sumXhat" };

        /// <summary>One pass over x and dy: the parameter gradients and, for batch statistics, per statistic
        /// sum(g) and sum(g * xhat), which leave _sum and _sumXhat as their means.</summary>
        private static void EmitSums(IndentedWriter w, LayerContext c, string name, StatisticView view, bool batchStatistics)
        {
            string T = c.T;
            w.Line(batchStatistics
                ? "// " + (c.Centered ? "sum(g), " : "") + "sum(g * xhat) per statistic" + (c.Affine ? "; sum(dy * xhat)" + (c.HasBias ? ", sum(dy)" : "") + " per weight" : "") + "."
                : "// sum(dy * xhat), sum(dy) per weight.");
            if (c.BackwardThroughActivation)
            {
                w.Line("// dy here is dz = dy * " + ActivationCalls.Describe(c.Activation) + "'(z), z = xhat" + (c.Affine ? " * weight" + (c.HasBias ? " + bias" : "") : "") + " recomputed from x and the statistics.");
            }

            using (w.Block("private void " + name + "(ref " + c.Tensor + " x, ref " + c.Tensor + " dy" + CallBuffers.Parameters(c) + ")"))
            {
                DeclareArrays(w, c, batchStatistics);
                if (batchStatistics)
                {
                    w.Line("int statistics = " + c.StatisticCount.ToCode() + ";");
                    if (c.Centered)
                    {
                        w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_sum") + ", 0, statistics).Clear();");
                    }

                    w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_sumXhat") + ", 0, statistics).Clear();");
                }

                LoopNestEmitter.Emit(w, c.Nest(view, c.Affine), run => VectorLoopBodies.GradientSums(c, run, batchStatistics).Emit(w, run.Length));

                if (batchStatistics)
                {
                    w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                    using (w.Block("for (int s = 0; s < statistics; s++)"))
                    {
                        if (c.Centered)
                        {
                            w.Line(KernelSnippets.At("sum", "s") + " /= count;");
                        }

                        w.Line(KernelSnippets.At("sumXhat", "s") + " /= count;");
                    }
                }
            }

            w.Line();
        }

        private static void EmitInputGradient(IndentedWriter w, LayerContext c, string name, StatisticView view, bool batchStatistics)
        {
            string T = c.T;
            string parameters = batchStatistics || c.BackwardThroughActivation ? "ref " + c.Tensor + " x, ref " + c.Tensor + " dy, ref " + c.Tensor + " dx" : "ref " + c.Tensor + " dy, ref " + c.Tensor + " dx";
            string dy = c.BackwardThroughActivation ? "dz" : "dy";
            w.Line(batchStatistics
                ? "// dx = invStd * (g - " + (c.Centered ? "mean(g) - " : "") + "xhat * mean(g * xhat)), g = " + dy + (c.Affine ? " * weight." : ".")
                : "// dx = " + dy + (c.Affine ? " * weight" : "") + " * invStd: the running statistics are constants.");
            if (c.BackwardThroughActivation)
            {
                w.Line("// dz = dy * " + ActivationCalls.Describe(c.Activation) + "'(z), z = xhat" + (c.Affine ? " * weight" + (c.HasBias ? " + bias" : "") : "") + " recomputed from x and the statistics.");
            }

            using (w.Block("private void " + name + "(" + parameters + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, batchStatistics ? BatchArrays(c, batchStatistics) : c.BackwardThroughActivation ? new[] { "_mean", "_invStd" } : new[] { "_invStd" });
                if (c.Affine)
                {
                    KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                }

                DeclareActivationBias(w, c);

                LoopNestEmitter.Emit(w, c.Nest(view, c.Affine), run => VectorLoopBodies.InputGradient(c, run, batchStatistics).Emit(w, run.Length));
            }

            w.Line();
        }
    }
}
