using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>The running statistics: the update after a training Forward (the runtime's
    /// <c>RunningStatistics.Update</c> where the running estimates index as the batch statistics, else a loop that averages
    /// the batch's over the batch) and the load into the call's buffers for eval mode.</summary>
    internal static class RunningStatisticsEmitter
    {
        private const string Runtime = "global::NormGen.Runtime.RunningStatistics";

        public static void Emit(IndentedWriter w, LayerContext c)
        {
            if (!c.Plan.Has(Kernels.UpdateRunningStatistics))
            {
                return;
            }

            var configuration = c.Configuration;
            string momentum = configuration.CumulativeAverage ? $"1d / {NumBatchesTracked}" : Names.DoubleLiteral(configuration.Momentum);
            string unbiased = $"{c.ValuesPerStatistic.ToCode()} - 1d";
            string header = $"private void {UpdateRunningStatistics}({CallBuffers.Type(c)} {CallBuffers.Local}{c.DimensionParameters})";
            if (!c.RunningViewDiffers)
            {
                string rate = configuration.CumulativeAverage ? "null" : Names.DoubleLiteral(configuration.Momentum);
                w.Template($$"""
                    // running = (1 - momentum) * running + momentum * batch, with the unbiased batch variance; one more batch tracked.
                    {{header}} => {{NumBatchesTracked}} = {{Runtime}}.Update({{CallBuffers.Local}}, {{RunningMean}}, {{RunningVar}}, {{c.RunningCount.ToCode()}}, {{NumBatchesTracked}}, {{rate}}, {{unbiased}});

                    """);
                return;
            }

            string T = c.T;
            var kept = PrimitiveAxis.Of(configuration).Where(a => !a.Reduced).ToList();
            string Stride(Axis axis) => Extent.Product(kept.SkipWhile(a => a.Axis != axis).Skip(1).Select(a => a.Extent)).ToCode();
            string batch = kept.First(a => a.Axis == Axis.N).Extent.ToCode();
            string At(string array, string index) => KernelSnippets.At(array, index);
            w.Template($$"""
                // running = (1 - momentum) * running + momentum * batch, with the unbiased batch variance, averaged over the batch.
                {{header}}
                {
                    ref {{T}} mean = ref {{Names.MemoryMarshal}}.GetArrayDataReference({{CallBuffers.Array("_mean")}});
                    ref {{T}} sum = ref {{Names.MemoryMarshal}}.GetArrayDataReference({{CallBuffers.Array("_sum")}});
                    ref {{T}} runningMean = ref {{Names.MemoryMarshal}}.GetArrayDataReference({{RunningMean}});
                    ref {{T}} runningVar = ref {{Names.MemoryMarshal}}.GetArrayDataReference({{RunningVar}});
                    {{NumBatchesTracked}}++;
                    double momentum = {{momentum}};
                    double unbiased = {{unbiased}};
                    for (int r = 0; r < {{c.RunningCount.ToCode()}}; r++)
                    {
                        double meanTotal = 0d, varianceTotal = 0d;
                        for (int b = 0; b < {{batch}}; b++)
                        {
                            int s = r * {{Stride(Axis.C)}} + b * {{Stride(Axis.N)}};
                            meanTotal += {{At("mean", "s")}};
                            varianceTotal += {{At("sum", "s")}} / unbiased;
                        }
                        {{At("runningMean", "r")}} = ({{T}})((1d - momentum) * {{At("runningMean", "r")}} + momentum * (meanTotal / {{batch}}));
                        {{At("runningVar", "r")}} = ({{T}})((1d - momentum) * {{At("runningVar", "r")}} + momentum * (varianceTotal / {{batch}}));
                    }
                }

                """);
        }

        /// <summary>Eval mode: the running statistics into the call's buffers, for the kernels that normalise with them.</summary>
        public static string LoadCall(LayerContext c) =>
            $"{Runtime}.Load({CallBuffers.Local}, {RunningMean}, {RunningVar}, {c.RunningCount.ToCode()}, {c.Names.Literal(c.Configuration.Epsilon)});";
    }
}
