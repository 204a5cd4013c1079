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
            EmitPublic(w, c);
            EmitSums(w, c, "AccumulateBatchGradients", StatisticView.Batch, batchStatistics: true);
            EmitInputGradient(w, c, "InputGradient", StatisticView.Batch, batchStatistics: true);
            if (c.Tracks)
            {
                if (c.Affine)
                {
                    EmitSums(w, c, "AccumulateParameterGradients", c.EvalView, batchStatistics: false);
                }

                EmitInputGradient(w, c, "InputGradientWithRunningStatistics", c.EvalView, batchStatistics: false);
            }
        }

        private static void EmitPublic(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            w.Line("/// <summary>Back-propagates through the last Forward, which must have had the same shape: writes");
            w.Line("/// <paramref name=\"inputGrad\"/>" + (c.Affine ? " and adds to <see cref=\"WeightGrad\"/> and <see cref=\"BiasGrad\"/>" : "") + ".</summary>");
            w.Line("/// <param name=\"input\">The input of the last Forward.</param>");
            w.Line("/// <param name=\"outputGrad\">Gradient of the loss with respect to the output.</param>");
            w.Line("/// <param name=\"inputGrad\">Receives the gradient of the loss with respect to the input.</param>");
            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The " + dimension + " extent of this call.</param>");
            }

            using (w.Block("public void Backward(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<" + T + "> inputGrad" + c.DimensionParameters + ")"))
            {
                w.Line("int count = ElementCount(" + c.DimensionList + ");");
                w.Line("CheckLength(nameof(input), input.Length, count" + c.DimensionArguments + ");");
                w.Line("CheckLength(nameof(outputGrad), outputGrad.Length, count" + c.DimensionArguments + ");");
                w.Line("CheckLength(nameof(inputGrad), inputGrad.Length, count" + c.DimensionArguments + ");");
                string sameShape = string.Concat(c.PerCall.Select(p => " || _forward" + StateEmitter.Capitalise(p) + " != " + p));
                string lastShape = "DescribeShape(" + string.Join(", ", c.PerCall.Select(p => "_forward" + StateEmitter.Capitalise(p))) + ")";
                w.Line("if (!_hasForward" + sameShape + ") " + Names.ShapeGuard + ".ThrowNoMatchingForward(DescribeShape(" + c.DimensionList + "), _hasForward ? " + lastShape + " : null);");
                w.Line();
                w.Line("ref " + T + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
                w.Line("ref " + T + " dy = ref " + Names.MemoryMarshal + ".GetReference(outputGrad);");
                w.Line("ref " + T + " dx = ref " + Names.MemoryMarshal + ".GetReference(inputGrad);");
                if (c.Affine)
                {
                    w.Line("global::System.Array.Clear(_weightGradStep, 0, _weightGradStep.Length);");
                    w.Line("global::System.Array.Clear(_biasGradStep, 0, _biasGradStep.Length);");
                }

                if (c.Tracks)
                {
                    using (w.Block("if (_forwardUsedBatchStatistics)"))
                    {
                        EmitBatchCalls(w, c);
                    }

                    using (w.Block("else"))
                    {
                        if (c.Affine)
                        {
                            w.Line("AccumulateParameterGradients(ref x, ref dy" + c.DimensionArguments + ");");
                        }

                        w.Line("InputGradientWithRunningStatistics(ref dy, ref dx" + c.DimensionArguments + ");");
                    }
                }
                else
                {
                    EmitBatchCalls(w, c);
                }

                if (c.Affine)
                {
                    using (w.Block("for (int p = 0; p < " + Names.Int(c.ParameterCount) + "; p++)"))
                    {
                        w.Line("WeightGrad[p] += _weightGradStep[p];");
                        w.Line("BiasGrad[p] += _biasGradStep[p];");
                    }
                }
            }

            w.Line();
        }

        private static void EmitBatchCalls(IndentedWriter w, LayerContext c)
        {
            w.Line("AccumulateBatchGradients(ref x, ref dy" + c.DimensionArguments + ");");
            w.Line("InputGradient(ref x, ref dy, ref dx" + c.DimensionArguments + ");");
        }

        /// <summary>One pass over x and dy: the parameter gradients and, for batch statistics, per statistic
        /// sum(g) and sum(g * xhat), which leave _sum and _sumXhat as their means.</summary>
        private static void EmitSums(IndentedWriter w, LayerContext c, string name, StatisticView view, bool batchStatistics)
        {
            string T = c.T;
            w.Line(batchStatistics
                ? "// sum(g), sum(g * xhat) per statistic" + (c.Affine ? "; sum(dy * xhat), sum(dy) per weight" : "") + "."
                : "// sum(dy * xhat), sum(dy) per weight.");
            using (w.Block("private void " + name + "(ref " + T + " x, ref " + T + " dy" + c.DimensionParameters + ")"))
            {
                Kernels.DeclareStatistics(w, c, "_mean", "_invStd");
                if (batchStatistics)
                {
                    Kernels.DeclareStatistics(w, c, "_sum", "_sumXhat");
                    w.Line("int statistics = " + c.StatisticCount.ToCode() + ";");
                    w.Line("new " + Names.Span + "<" + T + ">(_sum, 0, statistics).Clear();");
                    w.Line("new " + Names.Span + "<" + T + ">(_sumXhat, 0, statistics).Clear();");
                }

                if (c.Affine)
                {
                    Kernels.DeclareArray(w, c, "weight", "Weight");
                    Kernels.DeclareArray(w, c, "weightGrad", "_weightGradStep");
                    Kernels.DeclareArray(w, c, "biasGrad", "_biasGradStep");
                }

                LoopNestEmitter.Emit(w, KernelPlanner.Plan(c.Configuration, view, c.Affine), run =>
                {
                    var kernel = new RunKernel(c.Names)
                        .Read("xv", "x", run.Input, true)
                        .Read("dyv", "dy", run.Input, true)
                        .Read("m", "mean", run.Statistic, run.StatisticVaries)
                        .Read("inv", "invStd", run.Statistic, run.StatisticVaries)
                        .Let("xhat", r => "(" + r("xv") + " - " + r("m") + ") * " + r("inv"));
                    if (c.Affine)
                    {
                        kernel.Read("g", "weight", run.Parameter, run.ParameterVaries)
                            .Accumulate("weightGrad", run.Parameter, run.ParameterVaries, r => r("dyv") + " * xhat")
                            .Accumulate("biasGrad", run.Parameter, run.ParameterVaries, r => r("dyv"));
                    }

                    if (batchStatistics)
                    {
                        AddStatisticSums(kernel, c, run);
                    }

                    kernel.Emit(w, run.Length);
                });

                if (batchStatistics)
                {
                    w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                    using (w.Block("for (int s = 0; s < statistics; s++)"))
                    {
                        w.Line(Kernels.At("sum", "s") + " /= count;");
                        w.Line(Kernels.At("sumXhat", "s") + " /= count;");
                    }
                }
            }

            w.Line();
        }

        private static void AddStatisticSums(RunKernel kernel, LayerContext c, RunBases run)
        {
            if (!c.Affine)
            {
                kernel.Accumulate("sum", run.Statistic, run.StatisticVaries, r => r("dyv"))
                    .Accumulate("sumXhat", run.Statistic, run.StatisticVaries, r => r("dyv") + " * xhat");
            }
            else if (!run.ParameterVaries && !run.StatisticVaries)
            {
                // The weight is constant along the run: the statistic sums are the weight sums scaled by it.
                kernel.After(Kernels.At("sum", run.Statistic) + " += g * biasGradAcc;")
                    .After(Kernels.At("sumXhat", run.Statistic) + " += g * weightGradAcc;");
            }
            else
            {
                kernel.Let("gdy", r => r("g") + " * " + r("dyv"))
                    .Accumulate("sum", run.Statistic, run.StatisticVaries, r => "gdy")
                    .Accumulate("sumXhat", run.Statistic, run.StatisticVaries, r => "gdy * xhat");
            }
        }

        private static void EmitInputGradient(IndentedWriter w, LayerContext c, string name, StatisticView view, bool batchStatistics)
        {
            string T = c.T;
            string parameters = batchStatistics ? "ref " + T + " x, ref " + T + " dy, ref " + T + " dx" : "ref " + T + " dy, ref " + T + " dx";
            w.Line(batchStatistics
                ? "// dx = invStd * (g - mean(g) - xhat * mean(g * xhat)), g = dy" + (c.Affine ? " * weight." : ".")
                : "// dx = dy" + (c.Affine ? " * weight" : "") + " * invStd: the running statistics are constants.");
            using (w.Block("private void " + name + "(" + parameters + c.DimensionParameters + ")"))
            {
                Kernels.DeclareStatistics(w, c, batchStatistics ? new[] { "_mean", "_invStd", "_sum", "_sumXhat" } : new[] { "_invStd" });
                if (c.Affine)
                {
                    Kernels.DeclareArray(w, c, "weight", "Weight");
                }

                LoopNestEmitter.Emit(w, KernelPlanner.Plan(c.Configuration, view, c.Affine), run =>
                {
                    var kernel = new RunKernel(c.Names)
                        .Read("dyv", "dy", run.Input, true)
                        .Read("inv", "invStd", run.Statistic, run.StatisticVaries);
                    if (c.Affine)
                    {
                        kernel.Read("g", "weight", run.Parameter, run.ParameterVaries);
                    }

                    if (batchStatistics)
                    {
                        kernel.Read("xv", "x", run.Input, true)
                            .Read("m", "mean", run.Statistic, run.StatisticVaries)
                            .Read("k1", "sum", run.Statistic, run.StatisticVaries)
                            .Read("k2", "sumXhat", run.Statistic, run.StatisticVaries)
                            .Let("xhat", r => "(" + r("xv") + " - " + r("m") + ") * " + r("inv"));
                        kernel.Store("dx", run.Input, r => r("inv") + " * (" + (c.Affine ? r("g") + " * " : "") + r("dyv") + " - " + r("k1") + " - xhat * " + r("k2") + ")");
                    }
                    else if (c.Affine)
                    {
                        kernel.Let("scale", r => r("g") + " * " + r("inv"), "g", "inv")
                            .Store("dx", run.Input, r => r("dyv") + " * " + r("scale"));
                    }
                    else
                    {
                        kernel.Store("dx", run.Input, r => r("dyv") + " * " + r("inv"));
                    }

                    kernel.Emit(w, run.Length);
                });
            }

            w.Line();
        }
    }
}
