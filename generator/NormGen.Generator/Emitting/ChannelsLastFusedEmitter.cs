namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The training kernels of a channels-last layer whose blocks hold whole statistics (N kept: InstanceNorm and
    /// GroupNorm on NHWC), one block (a sample) at a time: its statistics or gradient sums, then its output or input
    /// gradient while the block is still in cache, instead of whole-tensor passes that each stream the tensor from
    /// memory. Each block is taken exactly as the whole-tensor kernels take it, so the results are the same.
    /// </summary>
    internal static class ChannelsLastFusedEmitter
    {
        /// <summary>For each block: its statistics (chunked, pivot-shifted, merged), then y = (x - mean) * invStd * weight + bias.</summary>
        public static void EmitNormalize(IndentedWriter w, ChannelsLast shape)
        {
            var c = shape.Context;
            string T = c.T;
            w.Line("// For each block of rows (a sample): its statistics as ComputeBatchStatistics takes them (leaving sum((x - mean)^2)");
            w.Line("// in _sum), then y = (x - mean) * invStd" + (c.Affine ? " * weight + bias" : "") + " while the block is in cache.");
            w.Line("// Blocks [start, end) of the outermost loop, so that threads can share them.");
            using (w.Block("private void NormalizeWithBatchStatistics(ref " + T + " x, ref " + T + " y, int start, int end" + c.DimensionParameters + ")"))
            {
                Kernels.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
                w.Line("ref " + T + " pivots = ref invStd;");
                w.Line("ref " + T + " merged = ref " + Names.MemoryMarshal + ".GetArrayDataReference(_sumXhat);");
                if (c.Affine)
                {
                    Kernels.DeclareArray(w, c, "weight", "Weight");
                    Kernels.DeclareArray(w, c, "bias", "Bias");
                }

                w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                w.Line("int rows = " + shape.Rows + ";");
                shape.DeclareScratch(w, "pivotC", "centerC", "partC");
                w.Line("// The statistics' per-channel scratch is free again when the block is normalised.");
                w.Line("ref " + T + " meanC = ref pivotC;");
                w.Line("ref " + T + " scaleC = ref centerC;");
                shape.EmitOuter(
                    w,
                    at =>
                    {
                        ChannelsLastStatisticsEmitter.EmitPivots(w, shape, at, reset: true);
                        ChannelsLastStatisticsEmitter.EmitBlock(w, shape, at);
                        EmitPerStatisticOfBlock(w, shape, at, () => ChannelsLastStatisticsEmitter.EmitFinish(w, c));
                        ChannelsLastKernelEmitter.EmitNormalizeBlock(w, shape, at);
                    },
                    ranged: true);
            }

            w.Line();
        }

        /// <summary>For each block: mean(g) and mean(g * xhat) of its statistics, then its input gradient.</summary>
        public static void EmitBackward(IndentedWriter w, ChannelsLast shape)
        {
            var c = shape.Context;
            string T = c.T;
            w.Line("// For each block of rows (a sample): per channel sum(dy), sum(dy * (x - mean)), folded into mean(g) and mean(g * xhat)");
            w.Line("// per statistic" + (c.Affine ? " and the parameter gradients" : "") + "; then dx = a * dy - (x - mean) * b - e per channel while the block is in cache.");
            w.Line("// Blocks [start, end) of the outermost loop" + (c.ParallelBackward ? ", so that threads can share them." : "."));
            using (w.Block("private void BackwardWithBatchStatistics(ref " + T + " x, ref " + T + " dy, ref " + T + " dx, int start, int end" + c.DimensionParameters + ")"))
            {
                Kernels.DeclareStatistics(w, c, "_mean", "_invStd", "_sum", "_sumXhat");
                if (c.Affine)
                {
                    Kernels.DeclareArray(w, c, "weight", "Weight");
                    Kernels.DeclareArray(w, c, "weightGrad", "_weightGradStep");
                    Kernels.DeclareArray(w, c, "biasGrad", "_biasGradStep");
                }

                w.Line(T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
                w.Line("int rows = " + shape.Rows + ";");
                shape.DeclareScratch(w, "meanC", "dyC", "dyxC", "eC");
                w.Line("// The sums' per-channel scratch is free again when the input gradient is written.");
                w.Line("ref " + T + " aC = ref dyC;");
                w.Line("ref " + T + " bC = ref dyxC;");
                shape.EmitOuter(
                    w,
                    at =>
                    {
                        EmitPerStatisticOfBlock(w, shape, at, () =>
                        {
                            w.Line(Kernels.At("sum", "s") + " = " + c.Names.Zero + ";");
                            w.Line(Kernels.At("sumXhat", "s") + " = " + c.Names.Zero + ";");
                        });
                        ChannelsLastKernelEmitter.EmitGradientSumsBlock(w, shape, at);
                        EmitPerStatisticOfBlock(w, shape, at, () =>
                        {
                            w.Line(Kernels.At("sum", "s") + " /= count;");
                            w.Line(Kernels.At("sumXhat", "s") + " /= count;");
                        });
                        ChannelsLastKernelEmitter.EmitInputGradientBlock(w, shape, at);
                    },
                    ranged: true);
            }

            w.Line();
        }

        /// <summary>A loop over the statistics of the block at <paramref name="at"/>, with <c>s</c> the statistic.</summary>
        private static void EmitPerStatisticOfBlock(IndentedWriter w, ChannelsLast shape, Offsets at, System.Action body)
        {
            using (w.Block("for (int t = 0; t < " + Names.Int(shape.StatisticsPerRow) + "; t++)"))
            {
                w.Line("int s = " + (at.Statistic == "0" ? "t" : at.Statistic + " + t") + ";");
                body();
            }
        }
    }
}
