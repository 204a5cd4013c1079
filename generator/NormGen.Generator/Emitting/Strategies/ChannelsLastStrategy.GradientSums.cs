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
            $"{MemberNames.AccumulateBatchGradients}(input, outputGrad{CallBuffers.Arguments(shape.Context)});";

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
            string buffers = CallBuffers.Arguments(c);
            const string chunkSums = MemberNames.ChunkGradientSums;
            w.Template($$"""
                // Per channel, chunk by chunk of rows ({{chunkSums}}, on threads for a large call): sum(dy), sum(dy * (x - mean)),
                // added up in chunk order; then per statistic {{Folded(c)}}.
                """);
            using (w.Block($"private void {MemberNames.AccumulateBatchGradients}({Spans(c.Tensor)}{CallBuffers.Parameters(c)})"))
            {
                DeclareFoldArrays(w, c);
                ClearSums(w, c);
                DeclareData(w, c.Tensor);
                shape.DeclareRows(w, chunked: true, rowLoops: false);
                shape.DeclareChunks(w);
                w.Line($"{T}[] parts = {KernelSnippets.Pool(T)}.Rent(chunks * {shape.ChannelsTimes(2)});");
                ChannelsLast.EmitChunkCall(w,
                    $"{chunkSums}OnThreads(input, outputGrad, parts, chunks, threads{buffers});",
                    $"{chunkSums}(ref x, ref dy, parts, 0, chunks{buffers});");

                using var scratch = shape.DeclareScratch(w, "dyC", "dyxC");
                w.Line("scratch.Clear();");
                EmitAddParts(w, "chunks", "dyC", "dyxC");
                EmitFold(w, Offsets.Zero, parameterParts: false);
                EmitMeans(w, c);
            }

            w.Line();
            w.Line($"// Chunks [start, end): each chunk's per-channel sum(dy) and sum(dy * (x - mean)) into parts, at chunkIndex * {shape.ChannelsTimes(2)}.");
            using (w.Block($"private void {chunkSums}(ref {c.Tensor} x, ref {c.Tensor} dy, {T}[] parts, int start, int end{CallBuffers.Parameters(c)})"))
            {
                KernelSnippets.DeclareStatistics(w, c, c.BackwardThroughActivation ? new[] { "_mean", "_invStd" } : new[] { "_mean" });
                DeclareParameters(w, c, weight: c.BackwardThroughActivation && c.Affine, bias: c.BackwardThroughActivation && c.HasBias);
                shape.DeclareRows(w, chunked: true);
                using var scratch = shape.DeclareScratch(w, ScratchNames(c));
                EmitChannelCoefficients(w, "0");
                using (w.Block("for (int chunkIndex = start; chunkIndex < end; chunkIndex++)"))
                {
                    w.Template($$"""
                        int firstRow = chunkIndex * {{shape.ChunkRows}};
                        int endRow = global::System.Math.Min(rows, firstRow + {{shape.ChunkRows}});
                        """);
                    EmitRowSums(w, "0", "endRow", "firstRow");
                    shape.CopyToParts(w, 1);
                }
            }

            w.Line();
            ThreadCalls.EmitOnThreads(w, c, chunkSums, $"{Spans(c.Tensor)}, {T}[] parts, int chunks, int threads", "input, outputGrad, default",
                "ref input, ref secondInput, parts", "chunks", "threads");
        }

        private void EmitGradientSumsByBlocks(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            bool split = shape.SplitsStatistics;
            string parts = c.Affine ? ", parts" : "";
            string partsParameter = c.Affine ? $", {T}[] parts" : "";
            const string blockSums = MemberNames.BlockGradientSums;
            w.Template($$"""
                // Block by block of the outermost loop ({{blockSums}}{{(split ? ", on threads for a large call" : "")}}): per channel sum(dy), sum(dy * (x - mean)),
                // folded into each statistic's {{Folded(c)}}{{(c.Affine ? ", each block's added in block order." : ".")}}
                """);
            using (w.Block($"private void {MemberNames.AccumulateBatchGradients}({Spans(c.Tensor)}{CallBuffers.Parameters(c)})"))
            {
                DeclareFoldArrays(w, c);
                ClearSums(w, c);
                DeclareData(w, c.Tensor);
                w.Line($"int blocks = {shape.SplitExtent};");
                if (c.Affine)
                {
                    w.Template($$"""
                        {{T}}[] parts = {{KernelSnippets.Pool(T)}}.Rent(blocks * {{shape.ChannelsTimes(2)}});
                        new {{Names.Span}}<{{T}}>(parts, 0, blocks * {{shape.ChannelsTimes(2)}}).Clear();
                        """);
                }

                string oneThread = $"{blockSums}(ref x, ref dy{parts}, 0, blocks{CallBuffers.Arguments(c)});";
                w.Lines(split ? ThreadCalls.OnThreadsWhenLarge(c, blockSums, $"input, outputGrad{parts}", oneThread, size: "input.Length") : oneThread);
                if (c.Affine)
                {
                    EmitAddParts(w, "blocks", "weightGrad", c.HasBias ? "biasGrad" : null);
                }

                EmitMeans(w, c);
            }

            w.Line();
            w.Line($"// Blocks [start, end) of the outermost loop: each block's sums folded into its statistics{(c.Affine ? $", its parameter-gradient terms into parts, at i0 * {shape.ChannelsTimes(2)}." : ".")}");
            using (w.Block($"private void {blockSums}(ref {c.Tensor} x, ref {c.Tensor} dy{partsParameter}, int start, int end{CallBuffers.Parameters(c)})"))
            {
                KernelSnippets.DeclareStatistics(w, c, c.Centered ? new[] { "_mean", "_invStd", "_sum", "_sumXhat" } : new[] { "_mean", "_invStd", "_sumXhat" });
                DeclareParameters(w, c, weight: c.Affine, bias: c.BackwardThroughActivation && c.HasBias);
                if (c.Affine)
                {
                    w.Line($"ref {T} blockParts = ref {Names.MemoryMarshal}.GetArrayDataReference(parts);");
                }

                shape.DeclareRows(w);
                using var scratch = shape.DeclareScratch(w, ScratchNames(c));
                shape.EmitOuter(w, at =>
                {
                    EmitChannelCoefficients(w, at.Statistic);
                    EmitRowSums(w, at.Input, "rows", "0");
                    if (c.Affine)
                    {
                        w.Line($"int pc = i0 * {shape.ChannelsTimes(2)};");
                    }

                    EmitFold(w, at, parameterParts: true);
                }, ranged: true);
            }

            w.Line();
            if (split)
            {
                ThreadCalls.EmitOnThreads(w, c, blockSums, Spans(c.Tensor) + partsParameter, "input, outputGrad, default", $"ref input, ref secondInput{parts}", shape.SplitExtent);
            }
        }

        /// <summary>The scratch slices of the sum kernels: meanC, dyC, dyxC (slices 1 and 2 are cleared by index), and with
        /// an activation scaleC, each channel's invStd * weight for the pre-activation.</summary>
        private static string[] ScratchNames(LayerContext c) =>
            c.BackwardThroughActivation ? new[] { "meanC", "dyC", "dyxC", "scaleC" } : new[] { "meanC", "dyC", "dyxC" };

        /// <summary>Each channel's mean (and with an activation its scale invStd * weight) for the block whose statistics
        /// start at <paramref name="statistic"/>.</summary>
        private void EmitChannelCoefficients(IndentedWriter w, string statistic)
        {
            var c = Context;
            if (!c.BackwardThroughActivation)
            {
                shape.CopyStatistics(w, 0, "meanC", "mean", statistic);
                return;
            }

            shape.EmitPerChannel(w, statistic, s =>
            {
                w.Line($"{KernelSnippets.At("meanC", "k")} = {KernelSnippets.At("mean", s)};");
                w.Line($"{KernelSnippets.At("scaleC", "k")} = {ScaleOf(c, s)};");
            });
        }

        /// <summary>What the per-channel sums fold into (x - mean is x for RMSNorm, whose mean is 0).</summary>
        private static string Folded(LayerContext c) =>
            $"{(c.Centered ? "mean(g), " : "")}mean(g * xhat){(c.Affine ? $"; per weight sum(dy * xhat){(c.HasBias ? ", sum(dy)" : "")}" : "")}";

        /// <summary>Adds the pooled <c>parts</c> of <paramref name="count"/> chunks or blocks (each two per-channel rows) to
        /// <paramref name="first"/> and <paramref name="second"/> in their order, then returns the array to the pool.</summary>
        private void EmitAddParts(IndentedWriter w, string count, string first, string? second)
        {
            string secondLine = second is null ? "" : $"{KernelSnippets.At(second, "k")} += {KernelSnippets.At("partsStart", $"pc + {shape.C} + k")};";
            w.Template($$"""
                ref {{shape.T}} partsStart = ref {{Names.MemoryMarshal}}.GetArrayDataReference(parts);
                for (int part = 0; part < {{count}}; part++)
                {
                    int pc = part * {{shape.ChannelsTimes(2)}};
                    for (int k = 0; k < {{shape.C}}; k++)
                    {
                        {{KernelSnippets.At(first, "k")}} += {{KernelSnippets.At("partsStart", "pc + k")}};
                        {{secondLine}}
                    }
                }
                {{KernelSnippets.Pool(shape.T)}}.Return(parts);
                """);
        }

        private static void DeclareData(IndentedWriter w, string tensor) => w.Template($$"""
            ref {{tensor}} x = ref {{Names.MemoryMarshal}}.GetReference(input);
            ref {{tensor}} dy = ref {{Names.MemoryMarshal}}.GetReference(outputGrad);
            """);

        private static string Spans(string tensor) => $"{Names.ReadOnlySpan}<{tensor}> input, {Names.ReadOnlySpan}<{tensor}> outputGrad";

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
                KernelSnippets.DeclareArray(w, c, "weight", MemberNames.Weight);
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
            shape.Clear(w, 1, count: 2);
            var c = Context;
            shape.EmitRows(w, endRow, start, ChannelsLastPlan.RowBlock, b =>
            {
                var mean = b.Channel("m", "meanC");
                var scale = c.BackwardThroughActivation ? b.Channel("sc", "scaleC") : null;
                var bias = c.BackwardThroughActivation && c.HasBias ? b.Channel("bi", "bias") : null;
                var g = new LoopValue[b.Rows];
                for (int row = 0; row < b.Rows; row++)
                {
                    // With an activation, dz = dy * act'(z), z = (x - mean) * scale + bias, stands for dy in every sum.
                    g[row] = b.Let($"g{Names.Int(row)}", scale is null
                        ? b.Input("dy", row)
                        : ActivationCalls.Backward(c, ActivationCalls.PreActivation(b.Input("x", row) - mean, scale, bias), b.Input("dy", row)));
                }

                b.AddToChannel("dyC", b.SumOfRows(row => g[row]));
                b.AddToChannel("dyxC", b.SumOfRows(row => g[row] * (b.Input("x", row) - mean)));
            }, firstRow);
        }

        /// <summary>Folds the per-channel sums dyC, dyxC into the statistics' sums of g and g * xhat and the parameter
        /// gradients: into weightGrad and biasGrad, or with <paramref name="parameterParts"/> into blockParts at pc.</summary>
        private void EmitFold(IndentedWriter w, Offsets at, bool parameterParts)
        {
            var c = Context;
            string T = c.T;
            shape.EmitPerChannel(w, at.Statistic, s =>
            {
                if (c.Centered)
                {
                    w.Line($"{T} dyk = {KernelSnippets.At("dyC", "k")};");
                }

                w.Line($"{T} dyxhatk = {KernelSnippets.At("dyxC", "k")} * {KernelSnippets.At("invStd", s)};");
                string g = "";
                if (c.Affine)
                {
                    w.Line($"{(parameterParts ? KernelSnippets.At("blockParts", "pc + k") : KernelSnippets.At("weightGrad", "k"))} += dyxhatk;");
                    if (c.HasBias)
                    {
                        w.Line($"{(parameterParts ? KernelSnippets.At("blockParts", $"pc + {shape.C} + k") : KernelSnippets.At("biasGrad", "k"))} += dyk;");
                    }

                    g = $"{KernelSnippets.At("weight", "k")} * ";
                }

                if (c.Centered)
                {
                    w.Line($"{KernelSnippets.At("sum", s)} += {g}dyk;");
                }

                w.Line($"{KernelSnippets.At("sumXhat", s)} += {g}dyxhatk;");
            });
        }

        /// <summary>Declares <c>statistics</c>, the statistic count, and clears their sums of g and g * xhat.</summary>
        private static void ClearSums(IndentedWriter w, LayerContext c)
        {
            w.Line($"int statistics = {c.StatisticCount.ToCode()};");
            if (c.Centered)
            {
                w.Line($"new {Names.Span}<{c.T}>({CallBuffers.Array("_sum")}, 0, statistics).Clear();");
            }

            w.Line($"new {Names.Span}<{c.T}>({CallBuffers.Array("_sumXhat")}, 0, statistics).Clear();");
        }

        /// <summary>The statistics' sums of g and g * xhat become their means.</summary>
        private static void EmitMeans(IndentedWriter w, LayerContext c)
        {
            w.Line($"{c.T} count = {c.ValuesPerStatistic.ToCode()};");
            using (w.Block("for (int s = 0; s < statistics; s++)"))
            {
                if (c.Centered)
                {
                    w.Line($"{KernelSnippets.At("sum", "s")} /= count;");
                }

                w.Line($"{KernelSnippets.At("sumXhat", "s")} /= count;");
            }
        }
    }
}
