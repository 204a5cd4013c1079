using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the channels-first statistics kernels (channels-last: <see cref="ChannelsLastStatisticsEmitter"/>). Sums are
    /// taken around a pivot, never as E[x²] − E[x]², so a large common offset cancels before it can swamp them. A
    /// statistic taken in one go (<see cref="EmitOneStatistic"/>) sums d = x − p and d² in one pass and sums (x − mean)²
    /// again, from cache, only when m2 = Σd² − (Σd)²/n would cancel more than half of Σd²; the whole-tensor kernels take
    /// each contiguous run in two passes (the second from cache) and merge the runs by Chan's formula.
    /// </summary>
    internal static class StatisticsEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            if (c.Plan.Has(Kernels.ComputeBatchStatistics))
            {
                EmitBatchStatistics(w, c);
            }

            if (c.Plan.Has(Kernels.UpdateRunningStatistics))
            {
                EmitRunningUpdate(w, c);
                EmitLoadRunning(w, c);
            }
        }

        /// <summary>The call of <c>ComputeBatchStatistics</c> in Forward and Backward.</summary>
        public static string Call(LayerContext c) =>
            c.Plan.Statistics == StatisticsPass.ChannelsLast
                ? ChannelsLastStatisticsEmitter.Call(c.ChannelsLast!)
                : "ComputeBatchStatistics(ref x" + CallBuffers.Arguments(c) + ");";

        private static void EmitBatchStatistics(IndentedWriter w, LayerContext c)
        {
            var nest = c.Nest(StatisticView.Batch, withParameters: false);
            switch (c.Plan.Statistics)
            {
                case StatisticsPass.MeanSquares:
                    EmitMeanSquares(w, c);
                    break;
                case StatisticsPass.ChannelsLast:
                    ChannelsLastStatisticsEmitter.Emit(w, c.ChannelsLast!);
                    break;
                case StatisticsPass.Pivoted:
                    EmitPivotedStatistics(w, c, nest);
                    break;
                default:
                    EmitMergedRunStatistics(w, c, nest);
                    break;
            }
        }

        /// <summary>RMSNorm: one pass in the layer's loop order sums x^2 into every statistic (vertically when statistics
        /// vary along the innermost loop, in registers along a run otherwise). A sum of squares has no cancellation to
        /// guard against, so no pivot and no second pass.</summary>
        private static void EmitMeanSquares(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            var nest = c.Nest(StatisticView.Batch, withParameters: false);
            w.Line("// RMSNorm: meanSquare = sum(x^2) / count; invStd = 1 / sqrt(meanSquare + eps). The mean is 0, and _mean holds zeros.");
            w.Line("// Leaves sum(x^2) in _sum.");
            using (w.Block("private void ComputeBatchStatistics(ref " + c.Tensor + " x" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
                w.Line("int statistics = " + c.StatisticCount.ToCode() + ";");
                w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_mean") + ", 0, statistics).Clear();");
                w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_sum") + ", 0, statistics).Clear();");
                LoopNestEmitter.Emit(w, nest, run => VectorLoopBodies.SumOfSquares(c, run).Emit(w, run.Length));
                EmitInvStdLoop(w, c);
            }

            w.Line();
        }

        /// <summary>The innermost loop runs across statistics (channels-last): every statistic gets one value per
        /// row. Two passes: sum(x - pivot), the pivot being the statistic's first value, then sum((x - mean)^2).</summary>
        private static void EmitPivotedStatistics(IndentedWriter w, LayerContext c, LoopNest nest)
        {
            string T = c.T;
            w.Line("// mean = pivot + sum(x - pivot) / count; var = sum((x - mean)^2) / count; invStd = 1 / sqrt(var + eps).");
            w.Line("// Leaves sum((x - mean)^2) in _sum for the running variance.");
            using (w.Block("private void ComputeBatchStatistics(ref " + c.Tensor + " x" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
                w.Line("int statistics = " + c.StatisticCount.ToCode() + ";");
                w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                w.Line(Names.Span + "<" + T + "> sums = new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_sum") + ", 0, statistics);");
                w.Line();
                w.Line("// Pivot: the first value of every statistic.");
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    using (w.Block("for (int i = 0; i < " + run.Length + "; i++)"))
                    {
                        w.Line(KernelSnippets.At("mean", run.Statistic + " + i") + " = " + c.Names.Read("x", run.Input + " + i") + ";");
                    }
                }, keptOnly: true);

                w.Line();
                w.Line("sums.Clear();");
                LoopNestEmitter.Emit(w, nest, run => VectorLoopBodies.ShiftedSum(c.Names, run).Emit(w, run.Length));
                using (w.Block("for (int s = 0; s < statistics; s++)"))
                {
                    w.Line(KernelSnippets.At("mean", "s") + " += " + KernelSnippets.At("sum", "s") + " / count;");
                }

                w.Line();
                w.Line("sums.Clear();");
                LoopNestEmitter.Emit(w, nest, run => VectorLoopBodies.Squares(c.Names, run).Emit(w, run.Length));
                EmitInvStdLoop(w, c);
            }

            w.Line();
        }

        /// <summary>The innermost loop is a contiguous run of one statistic's values (BatchNorm on channels-first):
        /// each run gets its mean and sum of squared deviations from two passes, the second reading the run from
        /// cache, and merges into its statistic with Chan's formula. The input is read from memory once. Means are
        /// kept relative to a pivot (the statistic's first value) so that merging never rounds a large offset.</summary>
        private static void EmitMergedRunStatistics(IndentedWriter w, LayerContext c, LoopNest nest)
        {
            string T = c.T;
            w.Line("// Per run, relative to the statistic's pivot p: mean and sum of squared deviations, merged (Chan et al.):");
            w.Line("// delta = runMean - mean; mean += delta * nRun / n; m2 += runM2 + delta^2 * nBefore * nRun / n.");
            w.Line("// Then mean = p + mean; invStd = 1 / sqrt(m2 / count + eps). Leaves m2 in _sum for the running variance.");
            using (w.Block("private void ComputeBatchStatistics(ref " + c.Tensor + " x" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareMergeState(w, c);
                w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_mean") + ", 0, statistics).Clear();");
                w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_sum") + ", 0, statistics).Clear();");
                w.Line("new " + Names.Span + "<" + T + ">(" + CallBuffers.Array("_mergedCounts") + ", 0, statistics).Clear();");
                w.Line("// Pivot: the first value of every statistic.");
                LoopNestEmitter.Emit(w, nest, run => w.Line(KernelSnippets.At("pivots", run.Statistic) + " = " + c.Names.Read("x", run.Input) + ";"), keptOnly: true);
                w.Line();
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    var length = nest.Innermost.Extent;
                    if (!KernelPlanner.ChunksRun(length))
                    {
                        EmitRunMerge(w, c, run.Input, run.Statistic, run.Length);
                        return;
                    }

                    w.Line("// Long runs are taken in chunks that fit in cache.");
                    using (w.Block("for (int chunk = 0; chunk < " + run.Length + "; chunk += " + Names.Int(KernelPlanner.RunChunk) + ")"))
                    {
                        w.Line("int chunkLength = global::System.Math.Min(" + Names.Int(KernelPlanner.RunChunk) + ", " + run.Length + " - chunk);");
                        EmitRunMerge(w, c, run.Input + " + chunk", run.Statistic, "chunkLength");
                    }
                });
                using (w.Block("for (int s = 0; s < statistics; s++)"))
                {
                    KernelSnippets.FinishMergedStatistic(w, c, "s");
                }
            }

            w.Line();
        }

        private static void EmitRunMerge(IndentedWriter w, LayerContext c, string input, string statistic, string length)
        {
            string T = c.T;
            var run = new RunBases(input, statistic, "0", length, false, false);
            using (w.Braces())
            {
                w.Line(T + " runLength = " + length + ";");
                w.Line(T + " runShifted = " + c.Names.Zero + ";");
                var shifted = new VectorLoop(c.Names);
                var shiftedX = shifted.Read("xv", "x", run.Input, true);
                shifted.AccumulateLocal("runShifted", shiftedX - shifted.Read("pivot", "pivots", statistic, false));
                shifted.Emit(w, length);
                w.Line(T + " runMean = runShifted / runLength;");
                w.Line(T + " runSquares = " + c.Names.Zero + ";");
                var squares = new VectorLoop(c.Names);
                var x = squares.Read("xv", "x", run.Input, true);
                var pivot = squares.Read("pivot", "pivots", statistic, false);
                var d = squares.Let("d", x - pivot - squares.Broadcast("m", "runMean"));
                squares.AccumulateLocal("runSquares", d * d);
                squares.Emit(w, length);
                w.Line(T + " before = " + KernelSnippets.At("merged", statistic) + ";");
                w.Line(T + " total = before + runLength;");
                w.Line(T + " delta = runMean - " + KernelSnippets.At("mean", statistic) + ";");
                w.Line(KernelSnippets.At("mean", statistic) + " += delta * (runLength / total);");
                w.Line(KernelSnippets.At("sum", statistic) + " += runSquares + delta * delta * (before / total * runLength);");
                w.Line(KernelSnippets.At("merged", statistic) + " = total;");
            }
        }

        private static void EmitInvStdLoop(IndentedWriter w, LayerContext c)
        {
            using (w.Block("for (int s = 0; s < statistics; s++)"))
            {
                w.Line(KernelSnippets.InvStd(c, "s"));
            }
        }

        /// <summary>The statistic at <paramref name="at"/>, from its values alone (one run when they are a contiguous
        /// block, else every run of them: the inner loops of the statistic-major nest): one pass around a pivot, and a
        /// second from cache only when the first would cancel. Leaves sum((x - mean)^2) in sum.</summary>
        public static void EmitOneStatistic(IndentedWriter w, LayerContext c, Offsets at)
        {
            string T = c.T, s = at.Statistic;
            string mean = KernelSnippets.At("mean", s), sum = KernelSnippets.At("sum", s);
            if (!c.Centered)
            {
                w.Line("// RMSNorm: this statistic's mean square, sum(x^2) * inverseCount, from one pass; the mean is 0.");
                w.Line(mean + " = " + c.Names.Zero + ";");
                EmitSum(w, c, at, (run, into, _) => VectorLoopBodies.SumOfSquares(c, run, into));
                w.Line(KernelSnippets.InvStd(c, s, " * inverseCount"));
                return;
            }

            w.Line("// This statistic's values" + (c.ContiguousStatistics ? " are contiguous" : ", run by run")
                + ". One pass sums d = x - p and d^2 around a pivot p, the mean of its");
            w.Line("// first vector of values: m2 = sum(d^2) - sum(d)^2 / count. When that subtraction would cancel more than half of");
            w.Line("// sum(d^2) (p further than a standard deviation from the mean), a second pass, from cache, sums (x - mean)^2 instead.");
            string firstRun = (c.ContiguousStatistics ? c.ValuesPerStatistic : c.StatisticMajorNest.Innermost.Extent).ToCode();
            w.Line(mean + " = " + firstRun + " >= " + c.Names.VectorT + ".Count ? " + Names.Vector + ".Sum(" + c.Names.LoadVector("x", at.Input)
                + ") * (" + c.Names.One + " / " + c.Names.VectorT + ".Count) : " + c.Names.Read("x", at.Input) + ";");
            w.Line(T + " squares = " + c.Names.Zero + ";");
            EmitSum(w, c, at, (run, into, intoSquares) => VectorLoopBodies.ShiftedSumAndSquares(c, run, into, intoSquares), squares: "squares");
            w.Line(T + " shift = " + sum + " * inverseCount;");
            w.Line(mean + " += shift;");
            w.Line(sum + " = squares - shift * " + sum + ";");
            using (w.Block("if (" + sum + " < squares * " + c.Names.Literal(0.5) + ")"))
            {
                EmitSum(w, c, at, (run, into, _) => VectorLoopBodies.Squares(c.Names, run, into));
            }

            w.Line(KernelSnippets.InvStd(c, s, " * inverseCount"));
        }

        /// <summary>sum[s] = the kernel's sum over the statistic's values: one run, or every run into registers
        /// declared around them (total, and totalSquares with <paramref name="squares"/>), totalled once at the end. With
        /// <paramref name="squares"/>, the kernel also sums into that local (one run) or into totalSquares (every run).</summary>
        private static void EmitSum(IndentedWriter w, LayerContext c, Offsets at, System.Func<RunBases, VectorRegisters?, VectorRegisters?, VectorLoop> kernel, string? squares = null)
        {
            if (c.ContiguousStatistics)
            {
                w.Line(KernelSnippets.At("sum", at.Statistic) + " = " + c.Names.Zero + ";");
                var run = new RunBases(at.Input, at.Statistic, "0", c.ValuesPerStatistic.ToCode(), false, false);
                kernel(run, null, null).Emit(w, run.Length);
                return;
            }

            using (w.Braces())
            {
                var total = new VectorRegisters("total", VectorLoop.DefaultUnroll);
                var totalSquares = squares is null ? null : new VectorRegisters("totalSquares", VectorLoop.DefaultUnroll);
                total.Declare(w, c.Names);
                totalSquares?.Declare(w, c.Names);
                LoopNestEmitter.EmitFrom(w, c.StatisticMajorNest, c.StatisticMajorDepth, at, run => kernel(run, total, totalSquares).Emit(w, run.Length));
                w.Line(KernelSnippets.At("sum", at.Statistic) + " = " + total.Total() + ";");
                if (totalSquares is not null)
                {
                    w.Line(squares + " = " + totalSquares.Total() + ";");
                }
            }
        }

        private static void EmitRunningUpdate(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            var configuration = c.Configuration;
            string factor = configuration.CumulativeAverage ? "1d / NumBatchesTracked" : Names.DoubleLiteral(configuration.Momentum);
            w.Line("// running = (1 - momentum) * running + momentum * batch, with the unbiased batch variance" + (c.RunningViewDiffers ? ", averaged over the batch" : "") + ".");
            using (w.Block("private void UpdateRunningStatistics(" + CallBuffers.Type(c) + " " + CallBuffers.Local + c.DimensionParameters + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_sum");
                KernelSnippets.DeclareArray(w, c, "runningMean", "RunningMean");
                KernelSnippets.DeclareArray(w, c, "runningVar", "RunningVar");
                w.Line("NumBatchesTracked++;");
                w.Line("double momentum = " + factor + ";");
                w.Line("double unbiased = " + c.ValuesPerStatistic.ToCode() + " - 1d;");
                if (!c.RunningViewDiffers)
                {
                    using (w.Block("for (int r = 0; r < " + c.RunningCount.ToCode() + "; r++)"))
                    {
                        w.Line(KernelSnippets.At("runningMean", "r") + " = (" + T + ")((1d - momentum) * " + KernelSnippets.At("runningMean", "r") + " + momentum * " + KernelSnippets.At("mean", "r") + ");");
                        w.Line(KernelSnippets.At("runningVar", "r") + " = (" + T + ")((1d - momentum) * " + KernelSnippets.At("runningVar", "r") + " + momentum * (" + KernelSnippets.At("sum", "r") + " / unbiased));");
                    }
                }
                else
                {
                    var kept = PrimitiveAxis.Of(configuration).Where(a => !a.Reduced).ToList();
                    string Stride(Axis axis) => Extent.Product(kept.SkipWhile(a => a.Axis != axis).Skip(1).Select(a => a.Extent)).ToCode();
                    string batch = kept.First(a => a.Axis == Axis.N).Extent.ToCode();
                    using (w.Block("for (int r = 0; r < " + c.RunningCount.ToCode() + "; r++)"))
                    {
                        w.Line("double meanTotal = 0d, varianceTotal = 0d;");
                        using (w.Block("for (int b = 0; b < " + batch + "; b++)"))
                        {
                            w.Line("int s = r * " + Stride(Axis.C) + " + b * " + Stride(Axis.N) + ";");
                            w.Line("meanTotal += " + KernelSnippets.At("mean", "s") + ";");
                            w.Line("varianceTotal += " + KernelSnippets.At("sum", "s") + " / unbiased;");
                        }

                        w.Line(KernelSnippets.At("runningMean", "r") + " = (" + T + ")((1d - momentum) * " + KernelSnippets.At("runningMean", "r") + " + momentum * (meanTotal / " + batch + "));");
                        w.Line(KernelSnippets.At("runningVar", "r") + " = (" + T + ")((1d - momentum) * " + KernelSnippets.At("runningVar", "r") + " + momentum * (varianceTotal / " + batch + "));");
                    }
                }
            }

            w.Line();
        }

        private static void EmitLoadRunning(IndentedWriter w, LayerContext c)
        {
            var n = c.Names;
            w.Line("// Eval mode: normalise with the running statistics, taken into the call's buffers.");
            using (w.Block("private void LoadRunningStatistics(" + CallBuffers.Type(c) + " " + CallBuffers.Local + ")"))
            {
                c.DeclareConstructed(w);
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd");
                KernelSnippets.DeclareArray(w, c, "runningMean", "RunningMean");
                KernelSnippets.DeclareArray(w, c, "runningVar", "RunningVar");
                using (w.Block("for (int r = 0; r < " + c.RunningCount.ToCode() + "; r++)"))
                {
                    w.Line(KernelSnippets.At("mean", "r") + " = " + KernelSnippets.At("runningMean", "r") + ";");
                    w.Line(KernelSnippets.At("invStd", "r") + " = " + n.One + " / " + n.MathType + ".Sqrt(" + KernelSnippets.At("runningVar", "r") + " + " + n.Literal(c.Configuration.Epsilon) + ");");
                }
            }

            w.Line();
        }
    }
}
