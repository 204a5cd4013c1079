using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The channels-last strategy's gradient sums with batch statistics: one pass over x and dy giving, per channel,
    /// sum(dy) and sum(dy * (x - mean)), folded into each statistic's mean(g) and mean(g * xhat) (g = dy * weight) and
    /// into the parameter gradients. A large call shares the pass among threads, and the result does not depend on
    /// their number: every partial sum covers a fixed part of the tensor and the partials are added up on the calling
    /// thread in a fixed order.
    /// <list type="bullet">
    /// <item>BatchNorm (the rows are one block, <see cref="ChannelsLast.SplitsChunks"/>): by chunks of rows, each chunk's
    /// per-channel sums kept in a pooled array and added up in chunk order.</item>
    /// <item>Otherwise by blocks of the outermost loop (the samples of GroupNorm or InstanceNorm): each block folds into
    /// its own statistics, and its parameter-gradient terms are kept in a pooled array and added in block order — the
    /// order in which one thread would add them. A layer whose outermost loop shares statistics
    /// (<see cref="ChannelsLast.SplitsStatistics"/> false) runs the same kernel on the calling thread.</item>
    /// </list>
    /// </summary>
    internal sealed partial class ChannelsLastStrategy
    {
        /// <summary>The call in Backward.</summary>
        private string GradientSumsCall() =>
            "AccumulateBatchGradients(input, outputGrad" + CallBuffers.Arguments(shape.Context) + ");";

        private void EmitGradientSums(IndentedWriter w)
        {
            if (shape.SplitsChunks)
            {
                EmitGradientSumsByChunks(w);
            }
            else
            {
                EmitGradientSumsByBlocks(w);
            }
        }

        private void EmitGradientSumsByChunks(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            w.Line("// Per channel, chunk by chunk of rows (ChunkGradientSums, on threads for a large call): sum(dy), sum(dy * (x - mean)),");
            w.Line("// added up in chunk order; then per statistic " + Folded(c) + ".");
            using (w.Block("private void AccumulateBatchGradients(" + Spans(c.Tensor) + CallBuffers.Parameters(c) + ")"))
            {
                DeclareFoldArrays(w, c);
                ClearSums(w, c);
                DeclareData(w, c.Tensor);
                w.Line("int rows = " + shape.Rows + ";");
                shape.DeclareChunks(w);
                w.Line(T + "[] parts = " + KernelSnippets.Pool(T) + ".Rent(chunks * " + shape.ChannelsTimes(2) + ");");
                ChannelsLast.EmitChunkCall(w,
                    "ChunkGradientSumsOnThreads(input, outputGrad, parts, chunks, threads" + CallBuffers.Arguments(c) + ");",
                    "ChunkGradientSums(ref x, ref dy, parts, 0, chunks" + CallBuffers.Arguments(c) + ");");

                using var scratch = shape.DeclareScratch(w, "dyC", "dyxC");
                w.Line("scratch.Clear();");
                EmitAddParts(w, "chunks", "dyC", "dyxC");
                EmitFold(w, Offsets.Zero, parameterParts: false);
                EmitMeans(w, c);
            }

            w.Line();
            w.Line("// Chunks [start, end): each chunk's per-channel sum(dy) and sum(dy * (x - mean)) into parts, at chunkIndex * " + shape.ChannelsTimes(2) + ".");
            using (w.Block("private void ChunkGradientSums(ref " + c.Tensor + " x, ref " + c.Tensor + " dy, " + T + "[] parts, int start, int end" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, c.BackwardThroughActivation ? new[] { "_mean", "_invStd" } : new[] { "_mean" });
                DeclareActivationParameters(w, c);
                w.Line("ref " + T + " chunkParts = ref " + Names.MemoryMarshal + ".GetArrayDataReference(parts);");
                w.Line("int rows = " + shape.Rows + ";");
                using var scratch = shape.DeclareScratch(w, ScratchNames(c));
                EmitChannelCoefficients(w, "0");
                using (w.Block("for (int chunkIndex = start; chunkIndex < end; chunkIndex++)"))
                {
                    w.Line("int firstRow = chunkIndex * " + shape.ChunkRows + ";");
                    w.Line("int endRow = global::System.Math.Min(rows, firstRow + " + shape.ChunkRows + ");");
                    EmitRowSums(w, "0", "endRow", "firstRow");
                    w.Line("int pc = chunkIndex * " + shape.ChannelsTimes(2) + ";");
                    using (w.Block("for (int k = 0; k < " + shape.C + "; k++)"))
                    {
                        w.Line(KernelSnippets.At("chunkParts", "pc + k") + " = " + KernelSnippets.At("dyC", "k") + ";");
                        w.Line(KernelSnippets.At("chunkParts", "pc + " + shape.C + " + k") + " = " + KernelSnippets.At("dyxC", "k") + ";");
                    }
                }
            }

            w.Line();
            ThreadCalls.EmitOnThreads(w, c, "ChunkGradientSums", Spans(c.Tensor) + ", " + T + "[] parts, int chunks, int threads", "input, outputGrad, default", "ref input, ref secondInput, parts", "chunks", "threads");
        }

        private void EmitGradientSumsByBlocks(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            bool split = shape.SplitsStatistics;
            string parts = c.Affine ? ", parts" : "";
            string partsParameter = c.Affine ? ", " + T + "[] parts" : "";
            w.Line("// Block by block of the outermost loop (BlockGradientSums" + (split ? ", on threads for a large call" : "") + "): per channel sum(dy), sum(dy * (x - mean)),");
            w.Line("// folded into each statistic's " + Folded(c) + (c.Affine ? ", each block's added in block order." : "."));
            using (w.Block("private void AccumulateBatchGradients(" + Spans(c.Tensor) + CallBuffers.Parameters(c) + ")"))
            {
                DeclareFoldArrays(w, c);
                ClearSums(w, c);
                DeclareData(w, c.Tensor);
                w.Line("int blocks = " + shape.SplitExtent + ";");
                if (c.Affine)
                {
                    w.Line(T + "[] parts = " + KernelSnippets.Pool(T) + ".Rent(blocks * " + shape.ChannelsTimes(2) + ");");
                    w.Line("new " + Names.Span + "<" + T + ">(parts, 0, blocks * " + shape.ChannelsTimes(2) + ").Clear();");
                }

                string oneThread = "BlockGradientSums(ref x, ref dy" + parts + ", 0, blocks" + CallBuffers.Arguments(c) + ");";
                w.Lines(split ? ThreadCalls.OnThreadsWhenLarge(c, "BlockGradientSums", "input, outputGrad" + parts, oneThread, size: "input.Length") : oneThread);

                if (c.Affine)
                {
                    EmitAddParts(w, "blocks", "weightGrad", c.HasBias ? "biasGrad" : null);
                }

                EmitMeans(w, c);
            }

            w.Line();
            w.Line("// Blocks [start, end) of the outermost loop: each block's sums folded into its statistics" + (c.Affine ? ", its parameter-gradient terms into parts, at i0 * " + shape.ChannelsTimes(2) + "." : "."));
            using (w.Block("private void BlockGradientSums(ref " + c.Tensor + " x, ref " + c.Tensor + " dy" + partsParameter + ", int start, int end" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, c.Centered ? new[] { "_mean", "_invStd", "_sum", "_sumXhat" } : new[] { "_mean", "_invStd", "_sumXhat" });
                if (c.Affine)
                {
                    KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                    w.Line("ref " + T + " blockParts = ref " + Names.MemoryMarshal + ".GetArrayDataReference(parts);");
                }

                if (c.BackwardThroughActivation && c.HasBias)
                {
                    KernelSnippets.DeclareArray(w, c, "bias", "Bias");
                }

                w.Line("int rows = " + shape.Rows + ";");
                using var scratch = shape.DeclareScratch(w, ScratchNames(c));
                shape.EmitOuter(w, at =>
                {
                    EmitChannelCoefficients(w, at.Statistic);
                    EmitRowSums(w, at.Input, "rows", "0");
                    if (c.Affine)
                    {
                        w.Line("int pc = i0 * " + shape.ChannelsTimes(2) + ";");
                    }

                    EmitFold(w, at, parameterParts: true);
                }, ranged: true);
            }

            w.Line();
            if (split)
            {
                ThreadCalls.EmitOnThreads(w, c, "BlockGradientSums", Spans(c.Tensor) + partsParameter, "input, outputGrad, default", "ref input, ref secondInput" + parts, shape.SplitExtent);
            }
        }

        /// <summary>The scratch slices of the sum kernels: meanC, dyC, dyxC (slices 1 and 2 are cleared by index), and with
        /// an activation scaleC, each channel's invStd * weight for the pre-activation.</summary>
        private static string[] ScratchNames(LayerContext c) =>
            c.BackwardThroughActivation ? new[] { "meanC", "dyC", "dyxC", "scaleC" } : new[] { "meanC", "dyC", "dyxC" };

        /// <summary>The weight and bias of the pre-activation, for the chunk kernel (which otherwise reads neither).</summary>
        private static void DeclareActivationParameters(IndentedWriter w, LayerContext c)
        {
            if (!c.BackwardThroughActivation)
            {
                return;
            }

            if (c.Affine)
            {
                KernelSnippets.DeclareArray(w, c, "weight", "Weight");
            }

            if (c.HasBias)
            {
                KernelSnippets.DeclareArray(w, c, "bias", "Bias");
            }
        }

        /// <summary>Each channel's mean (and with an activation its scale invStd * weight) for the block whose statistics
        /// start at <paramref name="statistic"/>.</summary>
        private void EmitChannelCoefficients(IndentedWriter w, string statistic)
        {
            var c = Context;
            shape.EmitPerChannel(w, statistic, () =>
            {
                w.Line(KernelSnippets.At("meanC", "k") + " = " + KernelSnippets.At("mean", "s") + ";");
                if (c.BackwardThroughActivation)
                {
                    w.Line(KernelSnippets.At("scaleC", "k") + " = " + KernelSnippets.At("invStd", "s") + (c.Affine ? " * " + KernelSnippets.At("weight", "k") : "") + ";");
                }
            });
        }

        /// <summary>What the per-channel sums fold into (x - mean is x for RMSNorm, whose mean is 0).</summary>
        private static string Folded(LayerContext c) =>
            (c.Centered ? "mean(g), " : "") + "mean(g * xhat)" + (c.Affine ? "; per weight sum(dy * xhat)" + (c.HasBias ? ", sum(dy)" : "") : "");

        /// <summary>Adds the pooled <c>parts</c> of <paramref name="count"/> chunks or blocks (each two per-channel rows) to
        /// <paramref name="first"/> and <paramref name="second"/> in their order, then returns the array to the pool.</summary>
        private void EmitAddParts(IndentedWriter w, string count, string first, string? second)
        {
            w.Line("ref " + shape.T + " partsStart = ref " + Names.MemoryMarshal + ".GetArrayDataReference(parts);");
            using (w.Block("for (int part = 0; part < " + count + "; part++)"))
            {
                w.Line("int pc = part * " + shape.ChannelsTimes(2) + ";");
                using (w.Block("for (int k = 0; k < " + shape.C + "; k++)"))
                {
                    w.Line(KernelSnippets.At(first, "k") + " += " + KernelSnippets.At("partsStart", "pc + k") + ";");
                    if (second is not null)
                    {
                        w.Line(KernelSnippets.At(second, "k") + " += " + KernelSnippets.At("partsStart", "pc + " + shape.C + " + k") + ";");
                    }
                }
            }

            w.Line(KernelSnippets.Pool(shape.T) + ".Return(parts);");
        }

        private static void DeclareData(IndentedWriter w, string tensor)
        {
            w.Line("ref " + tensor + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
            w.Line("ref " + tensor + " dy = ref " + Names.MemoryMarshal + ".GetReference(outputGrad);");
        }

        private static string Spans(string tensor) => Names.ReadOnlySpan + "<" + tensor + "> input, " + Names.ReadOnlySpan + "<" + tensor + "> outputGrad";

        /// <summary>The arrays the fold and the final means use.</summary>
        private static void DeclareFoldArrays(IndentedWriter w, LayerContext c)
        {
            if (c.Centered)
            {
                KernelSnippets.DeclareStatistics(w, c, "_invStd", "_sum", "_sumXhat");
            }
            else
            {
                KernelSnippets.DeclareStatistics(w, c, "_invStd", "_sumXhat");
            }

            if (c.Affine)
            {
                KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                KernelSnippets.DeclareArray(w, c, "weightGrad", "_weightGradStep");
                if (c.HasBias)
                {
                    KernelSnippets.DeclareArray(w, c, "biasGrad", "_biasGradStep");
                }
            }
        }

        /// <summary>Clears dyC and dyxC (scratch slices 1 and 2), then sums dy and dy * (x - mean) over rows
        /// [<paramref name="firstRow"/>, <paramref name="endRow"/>) from input offset <paramref name="start"/>,
        /// RowBlock rows at a time in registers.</summary>
        private void EmitRowSums(IndentedWriter w, string start, string endRow, string firstRow)
        {
            shape.Clear(w, 1);
            shape.Clear(w, 2);
            var c = Context;
            shape.EmitRows(w, endRow, start, ChannelsLastPlan.RowBlock, a =>
            {
                a.Let("m", a.Channel("meanC"));
                if (c.BackwardThroughActivation)
                {
                    a.Let("sc", a.Channel("scaleC"));
                    if (c.HasBias)
                    {
                        a.Let("bi", a.Channel("bias"));
                    }
                }

                for (int row = 0; row < a.Rows; row++)
                {
                    // With an activation, dz = dy * act'(z), z = (x - mean) * scale + bias, stands for dy in every sum.
                    a.Let("g" + Names.Int(row), c.BackwardThroughActivation
                        ? ActivationCalls.Backward(c, "(" + a.Input("x", row) + " - m) * sc" + (c.HasBias ? " + bi" : ""), a.Input("dy", row))
                        : a.Input("dy", row));
                }

                a.StoreChannel("dyC", a.Channel("dyC") + " + " + SumOfRows(a, row => "g" + Names.Int(row)));
                a.StoreChannel("dyxC", a.Channel("dyxC") + " + " + SumOfRows(a, row => "g" + Names.Int(row) + " * (" + a.Input("x", row) + " - m)"));
            }, firstRow);
        }

        /// <summary>Folds the per-channel sums dyC, dyxC into the statistics' sums of g and g * xhat and the parameter
        /// gradients: into weightGrad and biasGrad, or with <paramref name="parameterParts"/> into blockParts at pc.</summary>
        private void EmitFold(IndentedWriter w, Offsets at, bool parameterParts)
        {
            var c = Context;
            string T = c.T;
            shape.EmitPerChannel(w, at.Statistic, () =>
            {
                if (c.Centered)
                {
                    w.Line(T + " dyk = " + KernelSnippets.At("dyC", "k") + ";");
                }

                w.Line(T + " dyxhatk = " + KernelSnippets.At("dyxC", "k") + " * " + KernelSnippets.At("invStd", "s") + ";");
                string g = "";
                if (c.Affine)
                {
                    w.Line((parameterParts ? KernelSnippets.At("blockParts", "pc + k") : KernelSnippets.At("weightGrad", "k")) + " += dyxhatk;");
                    if (c.HasBias)
                    {
                        w.Line((parameterParts ? KernelSnippets.At("blockParts", "pc + " + shape.C + " + k") : KernelSnippets.At("biasGrad", "k")) + " += dyk;");
                    }

                    g = KernelSnippets.At("weight", "k") + " * ";
                }

                if (c.Centered)
                {
                    w.Line(KernelSnippets.At("sum", "s") + " += " + g + "dyk;");
                }

                w.Line(KernelSnippets.At("sumXhat", "s") + " += " + g + "dyxhatk;");
            });
        }

        /// <summary>Declares <c>statistics</c>, the statistic count, and clears their sums of g and g * xhat.</summary>
        private static void ClearSums(IndentedWriter w, LayerContext c)
        {
            w.Line("int statistics = " + c.StatisticCount.ToCode() + ";");
            if (c.Centered)
            {
                w.Line("new " + Names.Span + "<" + c.T + ">(" + CallBuffers.Array("_sum") + ", 0, statistics).Clear();");
            }

            w.Line("new " + Names.Span + "<" + c.T + ">(" + CallBuffers.Array("_sumXhat") + ", 0, statistics).Clear();");
        }

        /// <summary>The statistics' sums of g and g * xhat become their means.</summary>
        private static void EmitMeans(IndentedWriter w, LayerContext c)
        {
            w.Line(c.T + " count = " + c.ValuesPerStatistic.ToCode() + ";");
            using (w.Block("for (int s = 0; s < statistics; s++)"))
            {
                if (c.Centered)
                {
                    w.Line(KernelSnippets.At("sum", "s") + " /= count;");
                }

                w.Line(KernelSnippets.At("sumXhat", "s") + " /= count;");
            }
        }
    }
}
