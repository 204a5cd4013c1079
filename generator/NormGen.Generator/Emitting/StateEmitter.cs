using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the layer's state: parameters, gradients, running statistics, mode, scratch buffers, and the
    /// members that reset them.</summary>
    internal static class StateEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            var n = c.Names;
            string T = c.T;
            var configuration = c.Configuration;
            var allocations = new Allocations(c.HasConstructor);

            if (c.HasConstructor)
            {
                c.DimensionNames.EmitFields(w);
            }

            w.Line("/// <summary>The memory layout, outermost axis first.</summary>");
            w.Line("public string Layout => \"" + configuration.LayoutText + "\";");
            w.Line();
            w.Line("/// <summary>The axes statistics are reduced over.</summary>");
            w.Line("public string Axes => \"" + configuration.AxesText + "\";");
            w.Line();
            w.Line("/// <summary>The number of channels.</summary>");
            w.Line("public int Channels => " + (configuration.ChannelsAtConstruction ? DimensionNames.Field(Axis.C.ParameterName()) : Names.Int(configuration.Channels)) + ";");
            w.Line();
            EmitParameterShape(w, c, allocations);
            w.Line(c.Centered
                ? "/// <summary>Added to the variance before the square root.</summary>"
                : "/// <summary>Added to the mean square before the square root.</summary>");
            w.Line("public double Epsilon => " + Names.DoubleLiteral(configuration.Epsilon) + ";");
            w.Line();
            w.Line("/// <summary>Training mode (batch statistics" + (c.Tracks ? ", running statistics updated" : "") + ") when true; eval mode when false.</summary>");
            w.Line("public bool Training { get; set; } = true;");
            w.Line();
            if (c.Parallel)
            {
                w.Line("/// <summary>How many threads a training Forward" + (c.ParallelBackward ? " and Backward" : "") + " may share the statistics among (1, the default: the"
                    + " calling thread only), in calls of at least <see cref=\"" + Names.Parallel + ".MinimumElements\"/> elements"
                    + (c.Fusion == StatisticFusion.WhenSmall ? " when each statistic has at most " + Names.Int(c.FusedStatisticLimit) + " values" : "")
                    + ". " + ThreadsPromise + "</summary>");
                EmitThreads(w);
            }
            else if (c.ParallelRows)
            {
                // RMSNorm's mean squares (StatisticsPass.MeanSquares) are one pass on the calling thread; its gradient sums share.
                string split = c.Plan.Statistics == StatisticsPass.ChannelsLast ? "a training Forward's statistics and a Backward's gradient sums" : "a Backward's gradient sums";
                string sums = c.Plan.Has(Threads.Blocks)
                    ? split + " by indices of the outermost axis (each index's statistics are its own" + (c.Affine ? ", its share of the parameter gradients added in index order" : "") + "), "
                    : c.Plan.Has(Threads.Chunks)
                        ? split + " by chunks of rows (each chunk summed on its own, at least " + Names.Int(ChannelsLastPlan.ChunksPerThread) + " a thread, the chunks merged in order), "
                        : "";
                w.Line("/// <summary>How many threads Forward and a Backward through batch statistics may share their work among (1, the default: the"
                    + " calling thread only); calls of at least <see cref=\"" + Names.Parallel + ".MinimumElements\"/> elements share " + sums
                    + "the normalisation and the input gradient by rows" + (sums.Length == 0 ? "; the statistics and the gradient sums stay on the calling thread." : ".")
                    + " " + ThreadsPromise + "</summary>");
                EmitThreads(w);
            }

            if (c.Affine)
            {
                string per = configuration.Affine == AffineKind.PerChannel ? "one per channel" : "one per element of the reduced axes, in layout order";
                string count = c.ParameterCount.ToCode();
                allocations.ArrayProperty(w, T, "Weight", "γ, " + per + "; initialised to 1.", Names.Buffers + ".Filled(" + count + ", " + n.One + ")");
                if (c.HasBias)
                {
                    allocations.ArrayProperty(w, T, "Bias", "β, " + per + "; initialised to 0.", "new " + T + "[" + count + "]");
                }

                allocations.ArrayProperty(w, T, "WeightGrad", "Gradient of the loss with respect to <see cref=\"Weight\"/>, accumulated by every Backward.", "new " + T + "[" + count + "]");
                if (c.HasBias)
                {
                    allocations.ArrayProperty(w, T, "BiasGrad", "Gradient of the loss with respect to <see cref=\"Bias\"/>, accumulated by every Backward.", "new " + T + "[" + count + "]");
                }
                else
                {
                    w.Line("// RMSNorm has no bias.");
                    Absent(w, c, "Bias", "BiasGrad");
                }
            }
            else
            {
                Absent(w, c, "Weight", "Bias", "WeightGrad", "BiasGrad");
            }

            if (c.Tracks)
            {
                string per = configuration.HasGroups ? "one per group" : "one per channel";
                string count = c.RunningCount.ToCode();
                allocations.ArrayProperty(w, T, "RunningMean", "Running mean, " + per + "; initialised to 0.", "new " + T + "[" + count + "]");
                allocations.ArrayProperty(w, T, "RunningVar", "Running unbiased variance, " + per + "; initialised to 1.", Names.Buffers + ".Filled(" + count + ", " + n.One + ")");
                w.Line("/// <summary>Number of training batches the running statistics have seen.</summary>");
                w.Line("public long NumBatchesTracked { get; set; }");
                w.Line();
            }
            else
            {
                Absent(w, c, "RunningMean", "RunningVar");
                using (w.Block("long " + n.Interface + ".NumBatchesTracked"))
                {
                    w.Line("get => 0;");
                    w.Line("set { if (value != 0) " + Names.ShapeGuard + ".ThrowNoRunningStatistics(); }");
                }

                w.Line();
            }

            EmitScratch(w, c, allocations);
            if (c.HasConstructor)
            {
                ConstructorEmitter.Emit(w, c, allocations);
            }

            EmitResets(w, c);
        }

        /// <summary>The shape of Weight and Bias, as PyTorch gives it: (C), or the element-wise extents.</summary>
        private static void EmitParameterShape(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            var configuration = c.Configuration;
            var axes = configuration.Affine switch
            {
                AffineKind.PerChannel => configuration.Layout.Where(a => a.Axis == Axis.C).ToArray(),
                AffineKind.Elementwise => configuration.Layout.Where(a => a.Reduced && a.Axis != Axis.N).ToArray(),
                _ => new LayoutAxis[0],
            };
            string extents = string.Join(", ", axes.Select(DimensionNames.Extent));
            w.Line("/// <summary>The shape of <see cref=\"" + (c.Affine ? "Weight" : "INormalizationLayer{T}.Weight") + "\"/>" + (c.Centered ? " and its bias" : "") + ", as PyTorch gives it" + (c.Affine ? "" : ": empty, the layer has none") + ".</summary>");
            if (axes.Any(a => a.AtConstruction))
            {
                w.Line("public global::System.ReadOnlySpan<int> ParameterShape => _parameterShape;");
                w.Line();
                allocations.Field(w, "private readonly int[] _parameterShape", "_parameterShape", "new int[] { " + extents + " }");
            }
            else
            {
                w.Line("public global::System.ReadOnlySpan<int> ParameterShape => new int[] { " + extents + " };");
            }

            w.Line();
        }

        private static void EmitScratch(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            string T = c.T;
            string capacity = c.InitialStatisticCapacity.ToCode();
            w.Line("// The last training Forward's mean and 1/sqrt(var + eps) per statistic, for Backward, and two sums; eval mode rents its own.");
            allocations.Field(w, "private readonly " + CallBuffers.Type(c) + " " + CallBuffers.Field, CallBuffers.Field, "new " + CallBuffers.Type(c) + "(" + capacity + ")");

            if (c.Affine)
            {
                w.Line("// This Backward's parameter gradients, added to WeightGrad" + (c.HasBias ? " and BiasGrad" : "") + " once complete.");
                allocations.Field(w, "private readonly " + T + "[] _weightGradStep", "_weightGradStep", "new " + T + "[" + c.ParameterCount.ToCode() + "]");
                if (c.HasBias)
                {
                    allocations.Field(w, "private readonly " + T + "[] _biasGradStep", "_biasGradStep", "new " + T + "[" + c.ParameterCount.ToCode() + "]");
                }
            }

            w.Line("// Whether a Forward ran, and whether the last one was in eval mode (Backward then takes the statistics again).");
            w.Line("private bool _hasForward;");
            w.Line("private bool _forwardWasEval;");

            foreach (var dimension in c.PerCall)
            {
                w.Line("private int _forward" + Capitalise(dimension) + ";");
            }

            w.Line();
        }

        private static void EmitResets(IndentedWriter w, LayerContext c)
        {
            var n = c.Names;
            string bias = c.HasBias ? "Bias" : "null";
            string biasGrad = c.HasBias ? "BiasGrad" : "null";
            w.Line(c.HasBias || !c.Affine
                ? "/// <summary>Sets <see cref=\"WeightGrad\"/> and <see cref=\"BiasGrad\"/> to zero.</summary>"
                : "/// <summary>Sets <see cref=\"WeightGrad\"/> to zero.</summary>");
            w.Line("public void ZeroGrad()" + (c.Affine ? " => " + Names.Buffers + ".Clear(WeightGrad, " + biasGrad + ");" : " { }"));
            w.Line();
            w.Line("/// <summary>" + (c.HasBias || !c.Affine ? "γ = 1 and β = 0" : "γ = 1") + (c.Tracks ? ", and the running statistics reset," : "") + " as a new layer.</summary>");
            string resetAffine = Names.Buffers + ".Reset(Weight, " + n.One + ", " + bias + ");";
            if (c.Tracks && c.Affine)
            {
                using (w.Block("public void ResetParameters()"))
                {
                    w.Line("ResetRunningStats();");
                    w.Line(resetAffine);
                }
            }
            else
            {
                w.Line("public void ResetParameters()" + (c.Tracks ? " => ResetRunningStats();" : c.Affine ? " => " + resetAffine : " { }"));
            }

            w.Line();
            w.Line("/// <summary>Running mean 0, running variance 1, no batches tracked.</summary>");
            if (c.Tracks)
            {
                using (w.Block("public void ResetRunningStats()"))
                {
                    w.Line(Names.Buffers + ".Reset(RunningVar, " + n.One + ", RunningMean);");
                    w.Line("NumBatchesTracked = 0;");
                }
            }
            else
            {
                w.Line("public void ResetRunningStats() { }");
            }

            w.Line();
        }

        // The interface's members for arrays the layer does not have, one after another.
        private static void Absent(IndentedWriter w, LayerContext c, params string[] names)
        {
            foreach (string name in names)
            {
                w.Line(c.T + "[]? " + c.Names.Interface + "." + name + " => null;");
            }

            w.Line();
        }

        private const string ThreadsPromise = "Results are bitwise those of one thread; a call on threads allocates a few hundred bytes for the hand-over.";

        private static void EmitThreads(IndentedWriter w)
        {
            w.Line("public int MaxDegreeOfParallelism { get => _threads; set => _threads = " + Names.Parallel + ".CheckThreads(value); }");
            w.Line();
            w.Line("private int _threads = 1;");
            w.Line();
        }

        public static string Capitalise(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
