using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the statistics kernels. Batch statistics take two passes over a well-conditioned sum, never
    /// E[x²] − E[x]²: the first sums x − pivot, where the pivot is the statistic's first value, so a large common
    /// offset cancels before it can swamp the sum; the second sums (x − mean)².
    /// </summary>
    internal static class StatisticsEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            EmitBatchStatistics(w, c);
            if (c.Tracks)
            {
                EmitRunningUpdate(w, c);
                EmitLoadRunning(w, c);
            }
        }

        private static void EmitBatchStatistics(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            var n = c.Names;
            var nest = KernelPlanner.Plan(c.Configuration, StatisticView.Batch, withParameters: false);
            w.Line("// mean = pivot + sum(x - pivot) / count; var = sum((x - mean)^2) / count; invStd = 1 / sqrt(var + eps).");
            w.Line("// Leaves sum((x - mean)^2) in _sum for the running variance.");
            using (w.Block("private void ComputeBatchStatistics(ref " + T + " x" + c.DimensionParameters + ")"))
            {
                Kernels.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
                w.Line("int statistics = " + c.StatisticCount.ToCode() + ";");
                w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                w.Line(Names.Span + "<" + T + "> sums = new " + Names.Span + "<" + T + ">(_sum, 0, statistics);");
                w.Line();
                w.Line("// Pivot: the first value of every statistic.");
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    if (run.StatisticVaries)
                    {
                        using (w.Block("for (int i = 0; i < " + run.Length + "; i++)"))
                        {
                            w.Line(Kernels.At("mean", run.Statistic + " + i") + " = " + Kernels.At("x", run.Input + " + i") + ";");
                        }
                    }
                    else
                    {
                        w.Line(Kernels.At("mean", run.Statistic) + " = " + Kernels.At("x", run.Input) + ";");
                    }
                }, keptOnly: true);

                w.Line();
                w.Line("sums.Clear();");
                LoopNestEmitter.Emit(w, nest, run => new RunKernel(n)
                    .Read("xv", "x", run.Input, true)
                    .Read("pivot", "mean", run.Statistic, run.StatisticVaries)
                    .Accumulate("sum", run.Statistic, run.StatisticVaries, r => r("xv") + " - " + r("pivot"))
                    .Emit(w, run.Length));
                using (w.Block("for (int s = 0; s < statistics; s++)"))
                {
                    w.Line(Kernels.At("mean", "s") + " += " + Kernels.At("sum", "s") + " / count;");
                }

                w.Line();
                w.Line("sums.Clear();");
                LoopNestEmitter.Emit(w, nest, run => new RunKernel(n)
                    .Read("xv", "x", run.Input, true)
                    .Read("m", "mean", run.Statistic, run.StatisticVaries)
                    .Let("d", r => r("xv") + " - " + r("m"))
                    .Accumulate("sum", run.Statistic, run.StatisticVaries, r => "d * d")
                    .Emit(w, run.Length));
                using (w.Block("for (int s = 0; s < statistics; s++)"))
                {
                    w.Line(Kernels.At("invStd", "s") + " = " + n.One + " / " + n.MathType + ".Sqrt(" + Kernels.At("sum", "s") + " / count + " + n.Literal(c.Configuration.Epsilon) + ");");
                }
            }

            w.Line();
        }

        private static void EmitRunningUpdate(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            var configuration = c.Configuration;
            string factor = configuration.CumulativeAverage ? "1d / NumBatchesTracked" : Names.DoubleLiteral(configuration.Momentum);
            w.Line("// running = (1 - momentum) * running + momentum * batch, with the unbiased batch variance" + (c.RunningViewDiffers ? ", averaged over the batch" : "") + ".");
            using (w.Block("private void UpdateRunningStatistics(" + string.Join(", ", c.PerCall.Select(p => "int " + p)) + ")"))
            {
                Kernels.DeclareStatistics(w, c, "_mean", "_sum");
                Kernels.DeclareArray(w, c, "runningMean", "RunningMean");
                Kernels.DeclareArray(w, c, "runningVar", "RunningVar");
                w.Line("NumBatchesTracked++;");
                w.Line("double momentum = " + factor + ";");
                w.Line("double unbiased = " + c.ValuesPerStatistic.ToCode() + " - 1d;");
                if (!c.RunningViewDiffers)
                {
                    using (w.Block("for (int r = 0; r < " + Names.Int(c.RunningCount) + "; r++)"))
                    {
                        w.Line(Kernels.At("runningMean", "r") + " = (" + T + ")((1d - momentum) * " + Kernels.At("runningMean", "r") + " + momentum * " + Kernels.At("mean", "r") + ");");
                        w.Line(Kernels.At("runningVar", "r") + " = (" + T + ")((1d - momentum) * " + Kernels.At("runningVar", "r") + " + momentum * (" + Kernels.At("sum", "r") + " / unbiased));");
                    }
                }
                else
                {
                    var kept = PrimitiveAxis.Of(configuration).Where(a => !a.Reduced).ToList();
                    string Stride(Axis axis) => Extent.Product(kept.SkipWhile(a => a.Axis != axis).Skip(1).Select(a => a.Extent)).ToCode();
                    string batch = kept.First(a => a.Axis == Axis.N).Extent.ToCode();
                    using (w.Block("for (int r = 0; r < " + Names.Int(c.RunningCount) + "; r++)"))
                    {
                        w.Line("double meanTotal = 0d, varianceTotal = 0d;");
                        using (w.Block("for (int b = 0; b < " + batch + "; b++)"))
                        {
                            w.Line("int s = r * " + Stride(Axis.C) + " + b * " + Stride(Axis.N) + ";");
                            w.Line("meanTotal += " + Kernels.At("mean", "s") + ";");
                            w.Line("varianceTotal += " + Kernels.At("sum", "s") + " / unbiased;");
                        }

                        w.Line(Kernels.At("runningMean", "r") + " = (" + T + ")((1d - momentum) * " + Kernels.At("runningMean", "r") + " + momentum * (meanTotal / " + batch + "));");
                        w.Line(Kernels.At("runningVar", "r") + " = (" + T + ")((1d - momentum) * " + Kernels.At("runningVar", "r") + " + momentum * (varianceTotal / " + batch + "));");
                    }
                }
            }

            w.Line();
        }

        private static void EmitLoadRunning(IndentedWriter w, LayerContext c)
        {
            var n = c.Names;
            w.Line("// Eval mode: normalise with the running statistics.");
            using (w.Block("private void LoadRunningStatistics()"))
            {
                Kernels.DeclareStatistics(w, c, "_mean", "_invStd");
                Kernels.DeclareArray(w, c, "runningMean", "RunningMean");
                Kernels.DeclareArray(w, c, "runningVar", "RunningVar");
                using (w.Block("for (int r = 0; r < " + Names.Int(c.RunningCount) + "; r++)"))
                {
                    w.Line(Kernels.At("mean", "r") + " = " + Kernels.At("runningMean", "r") + ";");
                    w.Line(Kernels.At("invStd", "r") + " = " + n.One + " / " + n.MathType + ".Sqrt(" + Kernels.At("runningVar", "r") + " + " + n.Literal(c.Configuration.Epsilon) + ");");
                }
            }

            w.Line();
        }
    }
}
