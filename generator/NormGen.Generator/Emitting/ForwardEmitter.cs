using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the public <c>Forward</c>: checks every argument before touching anything, then runs the
    /// statistics and normalisation kernels and records what <c>Backward</c> needs.</summary>
    internal static class ForwardEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            w.Line("/// <summary>Normalises <paramref name=\"input\"/> into <paramref name=\"output\"/>: y = (x - mean) / sqrt(var + eps)" + (c.Affine ? " * Weight + Bias" : "") + ".</summary>");
            w.Line("/// <param name=\"input\">The input, densely packed in " + c.Configuration.LayoutText + " order.</param>");
            w.Line("/// <param name=\"output\">Receives the output; as long as the input.</param>");
            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The " + dimension + " extent of this call.</param>");
            }

            using (w.Block("public void Forward(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.Span + "<" + T + "> output" + c.CallParameters + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("int count = ElementCount(" + c.DimensionList + ");");
                w.Line("CheckLength(nameof(input), input.Length, count" + c.DimensionArguments + ");");
                w.Line("CheckLength(nameof(output), output.Length, count" + c.DimensionArguments + ");");
                if (!c.ValuesPerStatistic.IsConstant)
                {
                    w.Line("if (Training && " + c.ValuesPerStatistic.ToLongCode() + " <= 1L) " + Names.ShapeGuard + ".ThrowSingleValue(DescribeShape(" + c.DimensionList + "), \"" + c.Configuration.AxesText + "\");");
                }
                w.Line();
                w.Line("ref " + T + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
                w.Line("ref " + T + " y = ref " + Names.MemoryMarshal + ".GetReference(output);");
                if (!c.FixedStatisticCount)
                {
                    w.Line("EnsureStatisticCapacity(" + c.StatisticCount.ToCode() + ");");
                }

                if (c.Tracks)
                {
                    using (w.Block("if (Training)"))
                    {
                        EmitBatchPath(w, c, updateRunning: true);
                    }

                    using (w.Block("else"))
                    {
                        w.Line("LoadRunningStatistics();");
                        ChannelRowsCalls.EmitChoice(w, c, route => ChannelRowsCalls.Normalize(c, route), () => w.Lines(c.RunningViewDiffers
                            ? "NormalizeWithRunningStatistics(ref x, ref y" + c.DimensionArguments + ");"
                            : RowSliceCalls.Call(c, "Normalize", "input, output", "ref x, ref y")));
                    }

                    w.Line("_forwardUsedBatchStatistics = Training;");
                }
                else
                {
                    EmitBatchPath(w, c, updateRunning: false);
                }

                w.Line("_hasForward = true;");
                foreach (var dimension in c.PerCall)
                {
                    w.Line("_forward" + StateEmitter.Capitalise(dimension) + " = " + dimension + ";");
                }
            }

            w.Line();
            if (!c.FixedStatisticCount)
            {
                EmitEnsureCapacity(w, c);
            }

            if (c.Fusion != StatisticFusion.Never)
            {
                EmitNormalizeFused(w, c);
                FusedCalls.EmitOnThreads(w, c, "NormalizeWithBatchStatistics", Names.ReadOnlySpan + "<" + c.T + "> input, " + Names.Span + "<" + c.T + "> output", "input, default, output", "ref first, ref third");
            }

            if (c.Fusion != StatisticFusion.Always || (c.Tracks && !c.RunningViewDiffers))
            {
                EmitNormalize(w, c, "Normalize", StatisticView.Batch);
            }

            if (c.RunningViewDiffers)
            {
                EmitNormalize(w, c, "NormalizeWithRunningStatistics", StatisticView.Running);
            }
        }

        private static void EmitBatchPath(IndentedWriter w, LayerContext c, bool updateRunning)
        {
            ChannelRowsCalls.EmitChoice(w, c, route => ChannelRowsCalls.TrainingForward(c, route), () => FusedCalls.EmitFusionChoice(
                w,
                c,
                FusedCalls.Call(c, "NormalizeWithBatchStatistics", "input, output", "ref x, ref y"),
                (c.ChannelsLast is { } channelsLast ? ChannelsLastStatisticsEmitter.Call(channelsLast) : "ComputeBatchStatistics(ref x" + c.DimensionArguments + ");")
                    + "\n" + RowSliceCalls.Call(c, "Normalize", "input, output", "ref x, ref y"),
                "// One statistic at a time while its values fit in cache, else whole-tensor passes."));
            if (updateRunning)
            {
                w.Line("UpdateRunningStatistics(" + c.DimensionList + ");");
            }
        }

        private static void EmitEnsureCapacity(IndentedWriter w, LayerContext c)
        {
            w.Line("/// <summary>Makes room for the statistics of calls up to this shape, so that no later Forward or Backward");
            w.Line("/// of that size or smaller allocates. Without it, the first call at a new largest shape does.</summary>");
            foreach (var dimension in c.PerCall)
            {
                w.Line("/// <param name=\"" + dimension + "\">The largest " + dimension + " extent to come.</param>");
            }

            using (w.Block("public void Reserve(" + string.Join(", ", c.PerCall.Select(p => "int " + p)) + ")"))
            {
                c.DeclareConstructed(w);
                w.Line("ElementCount(" + c.DimensionList + ");");
                w.Line("EnsureStatisticCapacity(" + c.StatisticCount.ToCode() + ");");
            }

            w.Line();
            w.Line("// The statistic count depends on per-call extents: buffers grow when a call needs more than any before it.");
            using (w.Block("private void EnsureStatisticCapacity(int statistics)"))
            {
                using (w.Block("if (_mean.Length < statistics)"))
                {
                    foreach (var field in new[] { "_mean", "_invStd", "_sum", "_sumXhat" })
                    {
                        w.Line(field + " = new " + c.T + "[statistics];");
                    }
                }
            }

            w.Line();
        }

        /// <summary>y = (x - mean) * (invStd * weight) + bias, element by element.</summary>
        private static void EmitNormalize(IndentedWriter w, LayerContext c, string name, StatisticView view)
        {
            if (view == StatisticView.Batch && c.ChannelsLast is { } channelsLast)
            {
                ChannelsLastKernelEmitter.EmitNormalize(w, channelsLast);
                return;
            }

            w.Line("// y = (x - mean) * invStd" + (c.Affine ? " * weight + bias" : ""));
            using (w.Block("private void " + name + "(ref " + c.T + " x, ref " + c.T + " y" + c.DimensionParameters + ")"))
            {
                DeclareNormalizeArrays(w, c);
                LoopNestEmitter.Emit(w, c.Nest(view, c.Affine), run => KernelBodies.Normalize(c, run).Emit(w, run.Length));
            }

            w.Line();
        }

        /// <summary>Statistics and normalisation one statistic at a time: its values are read from memory once, then
        /// summed, squared and normalised from cache.</summary>
        private static void EmitNormalizeFused(IndentedWriter w, LayerContext c)
        {
            int depth = c.StatisticMajorDepth;
            w.Line("// For each statistic: mean, invStd (leaving sum((x - mean)^2) in _sum), then y = (x - mean) * invStd" + (c.Affine ? " * weight + bias." : "."));
            w.Line("// Statistics [start, end) of the outermost loop, so that threads can share them.");
            using (w.Block("private void NormalizeWithBatchStatistics(ref " + c.T + " x, ref " + c.T + " y, int start, int end" + c.DimensionParameters + ")"))
            {
                DeclareNormalizeArrays(w, c);
                Kernels.DeclareStatistics(w, c, "_sum");
                Kernels.DeclareInverseCount(w, c);
                LoopNestEmitter.EmitRange(w, c.StatisticMajorNest, 0, depth, Offsets.Zero, at =>
                {
                    StatisticsEmitter.EmitOneStatistic(w, c, at);
                    LoopNestEmitter.EmitFrom(w, c.StatisticMajorNest, depth, at, run => KernelBodies.Normalize(c, run).Emit(w, run.Length));
                }, ranged: true);
            }

            w.Line();
        }

        private static void DeclareNormalizeArrays(IndentedWriter w, LayerContext c)
        {
            Kernels.DeclareStatistics(w, c, "_mean", "_invStd");
            if (c.Affine)
            {
                Kernels.DeclareArray(w, c, "weight", "Weight");
                Kernels.DeclareArray(w, c, "bias", "Bias");
            }
        }
    }
}
