using System.Linq;
using NormGen.Generator.Planning;

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

            c.Strategy.EmitBackwardKernels(w);
            if (plan.Has(Kernels.InputGradientWithRunningStatistics))
            {
                if (plan.Has(Kernels.AccumulateParameterGradients))
                {
                    LoopNestKernels.EmitGradientSums(w, c, "AccumulateParameterGradients", c.EvalView, batchStatistics: false);
                }

                LoopNestKernels.EmitInputGradient(w, c, "InputGradientWithRunningStatistics", c.EvalView, batchStatistics: false);
            }
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
                        c.Strategy.EmitBatchGradient(w);
                    }

                    using (w.Block("else"))
                    {
                        w.Line("LoadRunningStatistics(" + CallBuffers.Local + ");");
                        EmitResidualGradientCall(w, c, c.EvalView, withResidual);
                        c.Strategy.EmitRunningGradient(w);
                    }
                }
                else
                {
                    using (w.Block("if (_forwardWasEval)"))
                    {
                        c.Strategy.EmitBatchStatistics(w);
                    }

                    EmitResidualGradientCall(w, c, StatisticView.Batch, withResidual);
                    c.Strategy.EmitBatchGradient(w);
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
                LoopNestKernels.DeclareNormalizeArrays(w, c);
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
    }
}
