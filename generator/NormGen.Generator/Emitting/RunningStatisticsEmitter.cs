using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>The running statistics' kernels: the update after a training Forward and the load into the call's
    /// buffers for eval mode.</summary>
    internal static class RunningStatisticsEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            if (c.Plan.Has(Kernels.UpdateRunningStatistics))
            {
                EmitRunningUpdate(w, c);
                EmitLoadRunning(w, c);
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
