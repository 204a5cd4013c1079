using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The element-wise kernels that walk the planned loop nest in a statistic view, one <see cref="VectorLoop"/> per
    /// innermost run: the two-read strategy's normalisation and gradient passes in the batch view, every layer's eval-mode
    /// kernels with running statistics, and RMSNorm's mean-square pass, whatever the access.
    /// </summary>
    internal static class LoopNestKernels
    {
        /// <summary>y = (x - mean) * (invStd * weight) + bias, element by element.</summary>
        public static void EmitNormalize(IndentedWriter w, LayerContext c, string name, StatisticView view)
        {
            w.Line(c.Centered
                ? $"// y = (x - mean) * invStd{(c.Affine ? " * weight + bias" : "")}{ForwardEmitter.ThenActivation(c)}"
                : $"// y = x * invStd{(c.Affine ? " * weight" : "")}{ForwardEmitter.ThenActivation(c)}");
            KernelSnippets.NotInlined(w);
            using (w.Block(KernelCalls.Declaration(c, c.Plan.Signature(name))))
            {
                DeclareNormalizeArrays(w, c);
                var nest = c.Nest(view, c.Affine);
                if (!VectorLoopBodies.NormalizeByCall(c, nest.Innermost))
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                LoopNestEmitter.DeclareExtents(w, nest);
                LoopNestEmitter.EmitEachRun(w, nest, 0, Offsets.Zero, run => VectorLoopBodies.EmitNormalizeRun(w, c, nest.Innermost, run));
            }

            w.Line();
        }

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

        /// <summary>RMSNorm: one pass in the layer's loop order sums x^2 into every statistic (vertically when statistics
        /// vary along the innermost loop, in registers along a run otherwise). A sum of squares has no cancellation to
        /// guard against, so no pivot and no second pass.</summary>
        public static void EmitMeanSquares(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            var nest = c.Nest(StatisticView.Batch, withParameters: false);
            w.Line("// RMSNorm: meanSquare = sum(x^2) / count; invStd = 1 / sqrt(meanSquare + eps). The mean is 0, and _mean holds zeros.");
            w.Line("// Leaves sum(x^2) in _sum.");
            using (OpenStatisticsKernel(w, c))
            {
                w.Line(ClearStatistics(c, "_mean"));
                w.Line(ClearStatistics(c, "_sum"));
                KernelSnippets.DeclareLanes(w, c);
                LoopNestEmitter.DeclareExtents(w, nest);
                LoopNestEmitter.EmitRuns(w, nest, run => VectorLoopBodies.SumOfSquares(c, run));
                EmitInvStdLoop(w, c);
            }

            w.Line();
        }

        /// <summary>Opens <c>ComputeBatchStatistics</c> along the loop nest, with its statistic arrays, <c>statistics</c> and
        /// <c>count</c> declared.</summary>
        public static System.IDisposable OpenStatisticsKernel(IndentedWriter w, LayerContext c)
        {
            var block = w.Block(KernelCalls.Declaration(c, c.Plan.Signature(MemberNames.ComputeBatchStatistics)));
            KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
            w.Line($"int statistics = {c.StatisticCount.ToCode()};");
            w.Line($"{c.T} count = {c.ValuesPerStatistic.ToCode()};");
            return block;
        }

        /// <summary>invStd[s] from sum[s] for every statistic.</summary>
        public static void EmitInvStdLoop(IndentedWriter w, LayerContext c)
        {
            KernelSnippets.Loop(w, "for (int s = 0; s < statistics; s++)", body => body.Line(KernelSnippets.InvStd(c, "s")));
        }

        /// <summary>One pass over x and dy: the parameter gradients and, for batch statistics, per statistic
        /// sum(g) and sum(g * xhat), which leave _sum and _sumXhat as their means.</summary>
        public static void EmitGradientSums(IndentedWriter w, LayerContext c, string name, StatisticView view, bool batchStatistics)
        {
            string T = c.T;
            w.Line(batchStatistics
                ? $"// {(c.Centered ? "sum(g), " : "")}sum(g * xhat) per statistic{(c.Affine ? $"; sum(dy * xhat){(c.HasBias ? ", sum(dy)" : "")} per weight" : "")}."
                : "// sum(dy * xhat), sum(dy) per weight.");
            if (c.BackwardThroughActivation)
            {
                w.Line($"// dy here is {KernelSnippets.ActivationGradient(c)} recomputed from x and the statistics.");
            }

            KernelSnippets.NotInlined(w);
            using (w.Block(KernelCalls.Declaration(c, c.Plan.Signature(name))))
            {
                DeclareGradientArrays(w, c, batchStatistics);
                if (batchStatistics)
                {
                    w.Line($"int statistics = {c.StatisticCount.ToCode()};");
                    if (c.Centered)
                    {
                        w.Line(ClearStatistics(c, "_sum"));
                    }

                    w.Line(ClearStatistics(c, "_sumXhat"));
                }

                var nest = c.Nest(view, c.Affine);
                if (!VectorLoopBodies.GradientSumsByCall(c, nest.Innermost))
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                LoopNestEmitter.DeclareExtents(w, nest);
                LoopNestEmitter.EmitEachRun(w, nest, 0, Offsets.Zero, run => VectorLoopBodies.EmitGradientSumsRun(w, c, nest.Innermost, run, batchStatistics));

                if (batchStatistics)
                {
                    w.Line($"{T} count = {c.ValuesPerStatistic.ToCode()};");
                    KernelSnippets.Loop(w, "for (int s = 0; s < statistics; s++)", body =>
                    {
                        if (c.Centered)
                        {
                            body.Line($"{KernelSnippets.At("sum", "s")} /= count;");
                        }

                        body.Line($"{KernelSnippets.At("sumXhat", "s")} /= count;");
                    });
                }
            }

            w.Line();
        }

        public static void EmitInputGradient(IndentedWriter w, LayerContext c, string name, StatisticView view, bool batchStatistics)
        {
            string T = c.T;
            string dy = c.BackwardThroughActivation ? "dz" : "dy";
            w.Line(batchStatistics
                ? $"// dx = invStd * (g - {(c.Centered ? "mean(g) - " : "")}xhat * mean(g * xhat)), g = {dy}{(c.Affine ? " * weight." : ".")}"
                : $"// dx = {dy}{(c.Affine ? " * weight" : "")} * invStd: the running statistics are constants.");
            if (c.BackwardThroughActivation)
            {
                w.Line($"// {KernelSnippets.ActivationGradient(c)} recomputed from x and the statistics.");
            }

            KernelSnippets.NotInlined(w);
            using (w.Block(KernelCalls.Declaration(c, c.Plan.Signature(name))))
            {
                KernelSnippets.DeclareStatistics(w, c, batchStatistics ? GradientStatistics(c, batchStatistics) : c.BackwardThroughActivation ? new[] { "_mean", "_invStd" } : new[] { "_invStd" });
                if (c.Affine)
                {
                    KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                }

                DeclareActivationBias(w, c);
                var nest = c.Nest(view, c.Affine);
                if (!VectorLoopBodies.InputGradientByCall(c, nest.Innermost, batchStatistics))
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                LoopNestEmitter.DeclareExtents(w, nest);
                LoopNestEmitter.EmitEachRun(w, nest, 0, Offsets.Zero, run => VectorLoopBodies.EmitInputGradientRun(w, c, nest.Innermost, run, batchStatistics));
            }

            w.Line();
        }

        /// <summary><c>new Span&lt;T&gt;(buffers.X, 0, statistics).Clear();</c> for the statistic array <paramref name="field"/>.</summary>
        public static string ClearStatistics(LayerContext c, string field) => $"new {Names.Span}<{c.T}>({CallBuffers.Array(field)}, 0, statistics).Clear();";

        /// <summary>The statistics, weight and parameter-gradient arrays the gradient sums read and write.</summary>
        public static void DeclareGradientArrays(IndentedWriter w, LayerContext c, bool batchStatistics)
        {
            KernelSnippets.DeclareStatistics(w, c, GradientStatistics(c, batchStatistics));
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
        private static string[] GradientStatistics(LayerContext c, bool batchStatistics) =>
            !batchStatistics ? new[] { "_mean", "_invStd" }
            : c.Centered ? new[] { "_mean", "_invStd", "_sum", "_sumXhat" }
            : new[] { "_invStd", "_sumXhat" };
    }
}
