using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The channels-last strategy's batch statistics, reading the input from memory once. Rows are taken in chunks that fit
    /// in cache. Values are taken relative to a pivot p, the statistic's first value, so that a large common offset
    /// cancels first, and each chunk around a centre c close to its mean: the mean of the statistic's first rows for
    /// the first chunk, the mean merged so far for the others. One pass sums d = x - p - c and d^2 per channel; the
    /// channels of a statistic (its group) are combined, and the chunk's m2 = sum(d^2) - sum(d)^2 / n. When that
    /// subtraction would cancel more than half of sum(d^2) (c further than a standard deviation from the chunk's mean),
    /// a second pass over the chunk, from cache, sums (x - p - chunkMean)^2 instead, so the cancellation never costs
    /// more than one bit. Only the far statistics take that sum (so a statistic's result depends on its own values alone),
    /// and it runs over their channels alone when they are few (with many channels a centre taken from the first rows is
    /// far for some channel of most chunks), over every channel at once otherwise. The chunk merges into the statistic
    /// with Chan's formula. Both passes are vertical: per-channel partial sums in registers, RowBlock rows at a time.
    /// </summary>
    internal sealed partial class ChannelsLastStrategy
    {
        private const string MergeComment = """
            // Per chunk of rows, relative to the statistic's pivot p: chunk mean and sum of squared deviations m2, merged
            // (Chan et al.): delta = chunkMean - mean; mean += delta * nChunk / n; m2 += chunkM2 + delta^2 * nBefore * nChunk / n.
            // Then mean = p + mean; invStd = 1 / sqrt(m2 / count + eps). Leaves m2 in _sum for the running variance.
            """;

        private void EmitChunkedStatistics(IndentedWriter w)
        {
            if (shape.SplitsChunks)
            {
                EmitStatisticsByChunks(w);
                return;
            }

            var c = Context;
            bool split = shape.SplitsStatistics;
            w.Lines(MergeComment);
            if (split)
            {
                w.Line("// Blocks [start, end) of the outermost loop, whose statistics are their own, so that threads can share them.");
            }

            using (w.Block($"private void {MemberNames.ComputeBatchStatistics}(ref {c.Tensor} x{(split ? ", int start, int end" : "")}{CallBuffers.Parameters(c)})"))
            {
                KernelSnippets.DeclareMergeState(w, c, withStatisticCount: false);
                shape.DeclareRows(w, chunked: true);
                using var scratch = shape.DeclareScratch(w, "pivotC", "centerC", "partC", "squareC");
                using var farScratch = DeclareFarStatistics(w);
                EmitPivotsAndCentres(w, ranged: split);
                shape.EmitOuter(w, at => EmitBlock(w, at), ranged: split);
                shape.EmitOuter(w, at =>
                {
                    using (w.Block($"for (int t = 0; t < {shape.StatisticsPerRow}; t++)"))
                    {
                        KernelSnippets.FinishMergedStatistic(w, c, at.Statistic == "0" ? "t" : $"{at.Statistic} + t");
                    }
                }, keptOnly: true, ranged: split);
            }

            w.Line();
            if (split)
            {
                ThreadCalls.EmitOnThreads(w, c, MemberNames.ComputeBatchStatistics, $"{Names.ReadOnlySpan}<{c.Tensor}> input", "input, default, default", "ref input", shape.SplitExtent);
            }
        }

        /// <summary>The call of <c>ComputeBatchStatistics</c> in Forward: on threads by blocks where the layer splits its
        /// statistics and the call is large enough; with the input span where it splits its chunks (it chooses itself).</summary>
        private string StatisticsCall()
        {
            string buffers = CallBuffers.Arguments(shape.Context);
            return shape.SplitsStatistics
                ? ThreadCalls.OnThreadsWhenLarge(shape.Context, MemberNames.ComputeBatchStatistics, "input",
                    $"{MemberNames.ComputeBatchStatistics}(ref x, 0, {shape.SplitExtent}{buffers});")
                : $"{MemberNames.ComputeBatchStatistics}({(shape.SplitsChunks ? "input" : "ref x")}{buffers});";
        }

        /// <summary>The statistics of a layer whose rows are all one block (BatchNorm): every chunk is summed around the
        /// centre of the first rows (on threads, by ranges of chunks, when the call is large), its mean and m2 kept in a
        /// pooled array, then the chunks are merged in order on the calling thread, so the result does not depend on the
        /// number of threads.</summary>
        private void EmitStatisticsByChunks(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            string buffers = CallBuffers.Arguments(c);
            w.Lines(MergeComment);
            w.Line($"// The chunks ({MemberNames.ChunkStatistics}, on threads for a large call) are summed around the mean c of the first rows.");
            using (w.Block($"private void {MemberNames.ComputeBatchStatistics}({Names.ReadOnlySpan}<{c.Tensor}> input{CallBuffers.Parameters(c)})"))
            {
                KernelSnippets.DeclareMergeState(w, c, withStatisticCount: false);
                w.Line($"ref {c.Tensor} x = ref {Names.MemoryMarshal}.GetReference(input);");
                shape.DeclareRows(w, chunked: true, rowLoops: false);
                shape.DeclareChunks(w);
                EmitPivotsAndCentres(w, ranged: false);
                w.Line($"{T}[] parts = {KernelSnippets.Pool(T)}.Rent(chunks * {shape.StatisticsTimes(2)});");
                ChannelsLast.EmitChunkCall(w,
                    $"{MemberNames.ChunkStatistics}OnThreads(input, parts, chunks, threads{buffers});",
                    $"{MemberNames.ChunkStatistics}(ref x, parts, 0, chunks{buffers});");
                w.Line($"ref {T} chunkParts = ref {Names.MemoryMarshal}.GetArrayDataReference(parts);");
                using (w.Block("for (int chunkIndex = 0; chunkIndex < chunks; chunkIndex++)"))
                {
                    w.Line($"int chunkRows = global::System.Math.Min({shape.ChunkRows}, rows - chunkIndex * {shape.ChunkRows});");
                    w.Line($"{T} chunkLength = {ChunkLength};");
                    w.Line($"int pc = chunkIndex * {shape.StatisticsTimes(2)};");
                    EmitMerge(w, Offsets.Zero, _ => KernelSnippets.At("chunkParts", "pc + t"), _ => KernelSnippets.At("chunkParts", $"pc + {shape.StatisticsPerRow} + t"));
                }

                w.Line($"{KernelSnippets.Pool(T)}.Return(parts);");
                using (w.Block($"for (int s = 0; s < {shape.StatisticsPerRow}; s++)"))
                {
                    KernelSnippets.FinishMergedStatistic(w, c, "s");
                }
            }

            w.Line();
            w.Line($"// Chunks [start, end): each chunk's mean (relative to the pivot) and m2 per statistic into parts, at chunkIndex * {shape.StatisticsTimes(2)}.");
            using (w.Block($"private void {MemberNames.ChunkStatistics}(ref {c.Tensor} x, {T}[] parts, int start, int end{CallBuffers.Parameters(c)})"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_pivots");
                if (!shape.OneChannelPerStatistic)
                {
                    w.Line($"ref {T} chunkParts = ref {Names.MemoryMarshal}.GetArrayDataReference(parts);");
                }

                shape.DeclareRows(w, chunked: true);
                using var scratch = shape.DeclareScratch(w, "pivotC", "centerC", "partC", "squareC");
                using var farScratch = DeclareFarStatistics(w);
                shape.CopyStatistics(w, 0, "pivotC", "pivots", "0");
                using (w.Block("for (int chunkIndex = start; chunkIndex < end; chunkIndex++)"))
                {
                    w.Line($"int chunk = chunkIndex * {shape.ChunkRows};");
                    EmitChunk(w, Offsets.Zero);
                    if (shape.OneChannelPerStatistic)
                    {
                        shape.CopyToParts(w, 1);
                    }
                    else
                    {
                        w.Line($"int pc = chunkIndex * {shape.StatisticsTimes(2)};");
                        shape.EmitPerStatistic(w, null, System.Array.Empty<string>(), (_, k0) =>
                        {
                            w.Line($"{KernelSnippets.At("chunkParts", "pc + t")} = {KernelSnippets.At("centerC", k0)};");
                            w.Line($"{KernelSnippets.At("chunkParts", $"pc + {shape.StatisticsPerRow} + t")} = {KernelSnippets.At("partC", k0)};");
                        });
                    }
                }
            }

            w.Line();
            ThreadCalls.EmitOnThreads(w, c, MemberNames.ChunkStatistics, $"{Names.ReadOnlySpan}<{c.Tensor}> input, {T}[] parts, int chunks, int threads",
                "input, default, default", "ref input, parts", "chunks", "threads");
        }

        /// <summary>The values in a chunk of <c>chunkRows</c> rows per statistic, as code.</summary>
        private string ChunkLength => shape.OneChannelPerStatistic ? "chunkRows" : $"chunkRows * {shape.G}";

        /// <summary>For every statistic (of the blocks [start, end) when <paramref name="ranged"/>): its pivot, the mean of its
        /// first rows relative to the pivot in mean, and sum and merged set to zero.</summary>
        private void EmitPivotsAndCentres(IndentedWriter w, bool ranged)
        {
            string firstRows = shape.FixedGroupSize is { } groupSize
                ? Names.Int((ChannelsLastPlan.FirstCentreValues + groupSize - 1) / groupSize)
                : $"({Names.Int(ChannelsLastPlan.FirstCentreValues - 1)} + {shape.G}) / {shape.G}";
            w.Line("// Pivot p: every statistic's first value. Centre c, in mean until the chunks merge: the mean of its first rows, less p.");
            w.Line($"int firstRows = global::System.Math.Min(rows, {firstRows});");
            w.Line($"{shape.T} firstScale = {shape.Names.One} / {(shape.OneChannelPerStatistic ? "firstRows" : $"(firstRows * {shape.G})")};");
            shape.EmitOuter(w, at => EmitPivotAndCentre(w, at), keptOnly: true, ranged: ranged);
        }

        /// <summary>Where a statistic is one channel, the channels are taken a vector at a time (the rows still one by one
        /// from zero, so each lane adds exactly what the scalar loop would): a channel at a time, the loop over the first
        /// rows strides across the tensor with one dependent addition after another.</summary>
        private void EmitPivotAndCentre(IndentedWriter w, Offsets at)
        {
            string input = at.Input == "0" ? "" : $"{at.Input} + ";
            string statistic = at.Statistic == "0" ? "" : $"{at.Statistic} + ";
            string perRow = shape.StatisticsPerRow;
            if (!shape.OneChannelPerStatistic)
            {
                using (w.Block($"for (int t = 0; t < {perRow}; t++)"))
                {
                    EmitScalarPivotAndCentre(w, input, statistic);
                }

                return;
            }

            var names = shape.Names;
            string vector = names.VectorT;
            // Without a scalar tail the vector loop declares t itself and needs no scope of its own.
            using (shape.Plan.HasScalarTail ? w.Braces() : null)
            {
                w.Line($"var firstScaleV = new {vector}(firstScale);");
                if (shape.Plan.HasScalarTail)
                {
                    w.Line("int t = 0;");
                }

                w.Template($$"""
                    {{(shape.Plan.HasScalarTail ? $"for (; t <= {perRow} - {vector}.Count; t += {vector}.Count)" : $"for (int t = 0; t < {perRow}; t += {vector}.Count)")}}
                    {
                        var p = {{names.LoadVector("x", $"{input}t")}};
                        var first = {{vector}}.Zero;
                        for (int r = 0; r < firstRows; r++)
                        {
                            first += {{names.LoadVector("x", $"{input}r * {shape.C} + t")}} - p;
                        }
                        {{KernelSnippets.StoreVector("p", "pivots", $"{statistic}t")}}
                        {{KernelSnippets.StoreVector("first * firstScaleV", "mean", $"{statistic}t")}}
                        {{KernelSnippets.StoreVector($"{vector}.Zero", "sum", $"{statistic}t")}}
                        {{KernelSnippets.StoreVector($"{vector}.Zero", "merged", $"{statistic}t")}}
                    }
                    """);
                if (shape.Plan.HasScalarTail)
                {
                    using (w.Block($"for (; t < {perRow}; t++)"))
                    {
                        EmitScalarPivotAndCentre(w, input, statistic);
                    }
                }
            }
        }

        private void EmitScalarPivotAndCentre(IndentedWriter w, string input, string statistic)
        {
            var names = shape.Names;
            string s = statistic == "" ? "t" : "s";
            if (s == "s")
            {
                w.Line($"int s = {statistic}t;");
            }

            string k0 = shape.OneChannelPerStatistic ? "t" : "k0";
            if (!shape.OneChannelPerStatistic)
            {
                w.Line($"int k0 = t * {shape.G};");
            }

            w.Line($"{shape.T} p = {names.Read("x", input + k0)};");
            w.Line($"{shape.T} first = {names.Zero};");
            using (w.Block("for (int r = 0; r < firstRows; r++)"))
            {
                shape.EmitForChannelsOfStatistic(w, k0, "j", j => w.Line($"first += {names.Read("x", $"{input}r * {shape.C} + {j}")} - p;"));
            }

            w.Template($$"""
                {{KernelSnippets.At("pivots", s)}} = p;
                {{KernelSnippets.At("mean", s)}} = first * firstScale;
                {{KernelSnippets.At("sum", s)}} = {{names.Zero}};
                {{KernelSnippets.At("merged", s)}} = {{names.Zero}};
                """);
        }

        private void EmitBlock(IndentedWriter w, Offsets at)
        {
            shape.CopyStatistics(w, 0, "pivotC", "pivots", at.Statistic);
            using (w.Block($"for (int chunk = 0; chunk < rows; chunk += {shape.ChunkRows})"))
            {
                EmitChunk(w, at);
                EmitMerge(w, at, k0 => KernelSnippets.At("centerC", k0), k0 => KernelSnippets.At("partC", k0));
            }
        }

        /// <summary>One chunk's sums: its mean relative to the pivot into centerC, its m2 into partC, at the first channel
        /// of each statistic.</summary>
        private void EmitChunk(IndentedWriter w, Offsets at)
        {
            string T = shape.T;
            var names = shape.Names;
            w.Template($$"""
                int chunkRows = global::System.Math.Min({{shape.ChunkRows}}, rows - chunk);
                int xc = {{(at.Input == "0" ? "" : $"{at.Input} + ")}}chunk * {{shape.C}};
                {{T}} chunkLength = {{ChunkLength}};
                {{T}} chunkScale = {{names.One}} / chunkLength;
                """);
            shape.CopyStatistics(w, 1, "centerC", "mean", at.Statistic);
            shape.Clear(w, 2, count: 2);
            shape.EmitRows(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, b =>
            {
                EmitCentreLets(b);
                var d = Deviations(b);
                b.AddToChannel("partC", b.SumOfRows(row => d[row]));
                b.AddToChannel("squareC", b.SumOfRows(row => d[row] * d[row]));
            });

            w.Line("// Per statistic: the chunk's mean (centre + shift) into centerC, its m2 into partC at its first channel.");
            w.Line("int far = 0;");
            shape.EmitPerStatistic(w, null, new[] { "part", "square" }, (_, k0) =>
            {
                w.Template($$"""
                    {{T}} shift = part * chunkScale;
                    {{T}} m2 = square - shift * part;
                    if (m2 < square * {{names.Literal(0.5)}}) {{KernelSnippets.At("farStatistics", "far++")}} = t;
                    {{KernelSnippets.At("partC", k0)}} = m2;
                    """);
                shape.EmitForChannelsOfStatistic(w, k0, "j", j => w.Line($"{KernelSnippets.At("centerC", j)} += shift;"));
            });
            string farShare = shape.FixedGroupSize is { } groupSize
                ? Names.Int(groupSize * ChannelsLastPlan.FarChannelsShare)
                : $"{Names.Int(ChannelsLastPlan.FarChannelsShare)} * {shape.G}";
            bool always = shape.Plan.ResumsEveryChannel;
            using (w.Block("if (far > 0)"))
            {
                w.Line("// Far centres: those statistics' squares again, around the chunk's mean, from cache (the same rows and order).");
                if (always)
                {
                    shape.Clear(w, 3);
                    shape.EmitRows(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, SumSquaredDeviations);
                }
                else
                {
                    w.Line($"bool everyChannel = far * {farShare} > {shape.C}; // many far: every channel at once, else theirs alone");
                    using (w.Block("if (everyChannel)"))
                    {
                        shape.Clear(w, 3);
                        shape.EmitRows(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, SumSquaredDeviations);
                    }
                }

                using (w.Block("for (int f = 0; f < far; f++)"))
                {
                    if (shape.OneChannelPerStatistic)
                    {
                        w.Line($"int k = {KernelSnippets.At("farStatistics", "f")};");
                        EmitChannelSquares(w, always);
                        w.Line($"{KernelSnippets.At("partC", "k")} = {KernelSnippets.At("squareC", "k")};");
                    }
                    else
                    {
                        w.Line($"int k0 = {shape.G} * {KernelSnippets.At("farStatistics", "f")};");
                        w.Line($"{T} square = {names.Zero};");
                        shape.EmitForChannelsOfStatistic(w, "k0", "k", k =>
                        {
                            EmitChannelSquares(w, always);
                            w.Line($"square += {KernelSnippets.At("squareC", k)};");
                        });
                        w.Line($"{KernelSnippets.At("partC", "k0")} = square;");
                    }
                }
            }
        }

        /// <summary>Unless every channel's squares were summed again: channel k's, down the chunk's rows.</summary>
        private void EmitChannelSquares(IndentedWriter w, bool always)
        {
            if (always)
            {
                return;
            }

            using (w.Block("if (!everyChannel)"))
            {
                w.Line($"{KernelSnippets.At("squareC", "k")} = {shape.Names.Zero};");
                shape.EmitRowsOfChannel(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, EmitCentreLets, a => EmitSquares(a));
            }
        }

        /// <summary>squareC += the body's rows' (x - p - c)^2, c now the chunk's mean.</summary>
        private static void SumSquaredDeviations(RowBody b)
        {
            EmitCentreLets(b);
            EmitSquares(b);
        }

        /// <summary>squareC += the body's rows' (x - p - c)^2, p and c in scope.</summary>
        private static void EmitSquares(RowBody b)
        {
            var d = Deviations(b);
            b.AddToChannel("squareC", b.SumOfRows(row => d[row] * d[row]));
        }

        /// <summary>Declares <c>farStatistics</c>, where a chunk lists the statistics whose centre was far from its mean.</summary>
        private ScratchSpan DeclareFarStatistics(IndentedWriter w)
        {
            var scratch = shape.DeclareStatisticScratch(w);
            w.Line($"ref int farStatistics = ref {Names.MemoryMarshal}.GetReference(farScratch);");
            return scratch;
        }

        /// <summary>Merges a chunk of <c>chunkLength</c> values per statistic, whose mean and m2 are
        /// <paramref name="chunkMean"/> and <paramref name="chunkM2"/> (expressions in <c>t</c> and the statistic's first
        /// channel, given).</summary>
        private void EmitMerge(IndentedWriter w, Offsets at, System.Func<string, string> chunkMean, System.Func<string, string> chunkM2)
        {
            string T = shape.T;
            w.Template($$"""
                // Every statistic of the block has merged the same number of values: the weights are shared.
                {{T}} before = {{KernelSnippets.At("merged", at.Statistic)}};
                {{T}} total = before + chunkLength;
                {{T}} chunkWeight = chunkLength / total;
                {{T}} crossWeight = before * chunkWeight;
                """);
            shape.EmitPerStatistic(w, at.Statistic, System.Array.Empty<string>(), (s, k0) => w.Template($$"""
                {{T}} delta = {{chunkMean(k0)}} - {{KernelSnippets.At("mean", s)}};
                {{KernelSnippets.At("mean", s)}} += delta * chunkWeight;
                {{KernelSnippets.At("sum", s)}} += {{chunkM2(k0)}} + delta * delta * crossWeight;
                {{KernelSnippets.At("merged", s)}} = total;
                """));
        }

        /// <summary>p, the pivot, and c, the centre in centerC, of the current channel.</summary>
        private static void EmitCentreLets(RowBody b)
        {
            b.Channel("p", "pivotC");
            b.Channel("c", "centerC");
        }

        /// <summary>d_i = (x - p) - c for the body's rows (p and c in scope).</summary>
        private static LoopValue[] Deviations(RowBody b)
        {
            var pivot = b.Local("p");
            var centre = b.Local("c");
            return Enumerable.Range(0, b.Rows).Select(row => (LoopValue)b.Let($"d{Names.Int(row)}", b.Input("x", row) - pivot - centre)).ToArray();
        }
    }
}
