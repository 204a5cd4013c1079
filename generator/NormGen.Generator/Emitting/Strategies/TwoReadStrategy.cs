using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Channels-first two-read (<see cref="StatisticFusion.Never"/> along the loop nest): whole-tensor passes, the batch
    /// statistics in one kernel, then the normalisation reading the input again; Backward sums the gradients in one pass
    /// and writes the input gradient in another. Also the strategy of channels-last layouts too wide for the channels-last
    /// kernels. Sums are taken around a pivot, never as E[x²] − E[x]², so a large common offset cancels before it can
    /// swamp them. The element-wise passes are <see cref="LoopNestKernels"/>' in the batch view.
    /// </summary>
    internal sealed class TwoReadStrategy(LayerContext context) : KernelStrategy(context)
    {
        public override void EmitTrainingForward(IndentedWriter w) => w.Lines($"{StatisticsCall()}\n{NormalizeCall()}");

        public override void EmitBatchStatistics(IndentedWriter w) => w.Lines(StatisticsCall());

        public override void EmitBatchGradient(IndentedWriter w) =>
            w.Template($$"""
                {{KernelCalls.Call(Context, Kernel(MemberNames.AccumulateBatchGradients))}}
                {{KernelCalls.Call(Context, Kernel(MemberNames.InputGradient))}}
                """);

        public override string NormalizeCall() => KernelCalls.Call(Context, Kernel(MemberNames.Normalize));

        public override void EmitNormalizeKernel(IndentedWriter w) =>
            LoopNestKernels.EmitNormalize(w, Context, MemberNames.Normalize, StatisticView.Batch);

        public override void EmitStatisticsKernels(IndentedWriter w)
        {
            var nest = Context.Nest(StatisticView.Batch, withParameters: false);
            switch (Context.Plan.Statistics)
            {
                case StatisticsPass.MeanSquares:
                    LoopNestKernels.EmitMeanSquares(w, Context);
                    break;
                case StatisticsPass.Pivoted:
                    EmitPivotedStatistics(w, nest);
                    break;
                default:
                    EmitMergedRunStatistics(w, nest);
                    break;
            }
        }

        public override void EmitBackwardKernels(IndentedWriter w)
        {
            LoopNestKernels.EmitGradientSums(w, Context, MemberNames.AccumulateBatchGradients, StatisticView.Batch, batchStatistics: true);
            LoopNestKernels.EmitInputGradient(w, Context, MemberNames.InputGradient, StatisticView.Batch, batchStatistics: true);
        }

        private string StatisticsCall() => KernelCalls.Call(Context, Kernel(MemberNames.ComputeBatchStatistics));

        /// <summary>The innermost loop runs across statistics (a channels-last layout too wide for the channels-last
        /// kernels): every statistic gets one value per row. Two passes: sum(x - pivot), the pivot being the statistic's first value, then sum((x - mean)^2).</summary>
        private void EmitPivotedStatistics(IndentedWriter w, LoopNest nest)
        {
            var c = Context;
            string T = c.T;
            w.Line("// mean = pivot + sum(x - pivot) / count; var = sum((x - mean)^2) / count; invStd = 1 / sqrt(var + eps).");
            w.Line("// Leaves sum((x - mean)^2) in _sum for the running variance.");
            using (LoopNestKernels.OpenStatisticsKernel(w, c))
            {
                KernelSnippets.DeclareLanes(w, c);
                LoopNestEmitter.DeclareExtents(w, nest);
                w.Line($"{Names.Span}<{T}> sums = new {Names.Span}<{T}>({CallBuffers.Array("_sum")}, 0, statistics);");
                w.Line();
                w.Line("// Pivot: the first value of every statistic.");
                LoopNestEmitter.Emit(w, nest, run => KernelSnippets.Loop(w, $"for (int i = 0; i < {run.Length}; i++)",
                    body => body.Line($"{KernelSnippets.At("mean", $"{run.Statistic} + i")} = {c.Names.Read("x", $"{run.Input} + i")};")), keptOnly: true);

                w.Line();
                w.Line("sums.Clear();");
                LoopNestEmitter.EmitRuns(w, nest, run => VectorLoopBodies.ShiftedSum(c.Names, run));
                KernelSnippets.Loop(w, "for (int s = 0; s < statistics; s++)",
                    body => body.Line($"{KernelSnippets.At("mean", "s")} += {KernelSnippets.At("sum", "s")} / count;"));

                w.Line();
                w.Line("sums.Clear();");
                LoopNestEmitter.EmitRuns(w, nest, run => VectorLoopBodies.Squares(c.Names, run));
                LoopNestKernels.EmitInvStdLoop(w, c);
            }

            w.Line();
        }

        /// <summary>The innermost loop is a contiguous run of one statistic's values (BatchNorm on channels-first):
        /// each run gets its mean and sum of squared deviations from two passes, the second reading the run from
        /// cache, and merges into its statistic with Chan's formula. The input is read from memory once. Means are
        /// kept relative to a pivot (the statistic's first value) so that merging never rounds a large offset.</summary>
        private void EmitMergedRunStatistics(IndentedWriter w, LoopNest nest)
        {
            var c = Context;
            string T = c.T;
            w.Line("// Per run, relative to the statistic's pivot p: mean and sum of squared deviations, merged (Chan et al.):");
            w.Line("// delta = runMean - mean; mean += delta * nRun / n; m2 += runM2 + delta^2 * nBefore * nRun / n.");
            w.Line("// Then mean = p + mean; invStd = 1 / sqrt(m2 / count + eps). Leaves m2 in _sum for the running variance.");
            KernelSnippets.NotInlined(w);
            using (w.Block(KernelCalls.Declaration(c, Kernel(MemberNames.ComputeBatchStatistics))))
            {
                KernelSnippets.DeclareMergeState(w, c);
                if (c.Names.Elements.Converts)
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                LoopNestEmitter.DeclareExtents(w, nest);
                w.Line(LoopNestKernels.ClearStatistics(c, "_mean"));
                w.Line(LoopNestKernels.ClearStatistics(c, "_sum"));
                w.Line(LoopNestKernels.ClearStatistics(c, "_mergedCounts"));
                w.Line("// Pivot: the first value of every statistic.");
                LoopNestEmitter.Emit(w, nest, run => w.Line($"{KernelSnippets.At("pivots", run.Statistic)} = {c.Names.Read("x", run.Input)};"), keptOnly: true);
                w.Line();
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    var length = nest.Innermost.Extent;
                    if (!KernelPlanner.ChunksRun(length))
                    {
                        EmitRunMerge(w, run.Input, run.Statistic, run.Length);
                        return;
                    }

                    string chunk = Names.Int(KernelPlanner.RunChunk);
                    using (w.Block($"for (int chunk = 0; chunk < {run.Length}; chunk += {chunk}) // long runs in chunks that fit in cache"))
                    {
                        w.Line($"int chunkLength = global::System.Math.Min({chunk}, {run.Length} - chunk);");
                        EmitRunMerge(w, $"{run.Input} + chunk", run.Statistic, "chunkLength");
                    }
                });
                using (w.Block("for (int s = 0; s < statistics; s++)"))
                {
                    KernelSnippets.FinishMergedStatistic(w, c, "s");
                }
            }

            w.Line();
        }

        /// <summary>runMean and runSquares of <paramref name="run"/> from generated loops, which widen a 16-bit tensor's values.</summary>
        private void EmitRunSumsInLoops(IndentedWriter w, RunBases run)
        {
            var c = Context;
            w.Line($"{c.T} runShifted = {c.Names.Zero};");
            var shifted = new VectorLoop(c.Names);
            var shiftedX = shifted.Read("xv", "x", run.Input, true);
            shifted.AccumulateLocal("runShifted", shiftedX - shifted.Read("pivot", "pivots", run.Statistic, false));
            shifted.Emit(w, run);
            w.Line($"{c.T} runMean = runShifted / runLength;");
            w.Line($"{c.T} runSquares = {c.Names.Zero};");
            var squares = new VectorLoop(c.Names);
            var x = squares.Read("xv", "x", run.Input, true);
            var pivot = squares.Read("pivot", "pivots", run.Statistic, false);
            var d = squares.Let("d", x - pivot - squares.Broadcast("m", "runMean"));
            squares.AccumulateLocal("runSquares", d * d);
            squares.Emit(w, run);
        }

        /// <summary>One run (or chunk) of a statistic's values, merged into it; written as the body of the loop over runs
        /// (or chunks), whose scope holds its locals.</summary>
        private void EmitRunMerge(IndentedWriter w, string input, string statistic, string length)
        {
            var c = Context;
            string T = c.T;
            string pivot = KernelSnippets.At("pivots", statistic);
            w.Line($"{T} runLength = {length};");
            if (c.Names.Elements.Converts)
            {
                EmitRunSumsInLoops(w, new RunBases(input, statistic, "0", length, false, false));
            }
            else
            {
                string run = KernelSnippets.RunStart(input);
                w.Line($"{T} runMean = {KernelSnippets.RunSums}.Shifted({run}, {length}, {pivot}) / runLength;");
                w.Line($"{T} runSquares = {KernelSnippets.RunSums}.SquaredDeviations({run}, {length}, {pivot}, runMean);");
            }

            string mean = KernelSnippets.At("mean", statistic), merged = KernelSnippets.At("merged", statistic);
            w.Template($$"""
                {{T}} before = {{merged}};
                {{T}} total = before + runLength;
                {{T}} delta = runMean - {{mean}};
                {{mean}} += delta * (runLength / total);
                {{KernelSnippets.At("sum", statistic)}} += runSquares + delta * delta * (before / total * runLength);
                {{merged}} = total;
                """);
        }
    }
}
