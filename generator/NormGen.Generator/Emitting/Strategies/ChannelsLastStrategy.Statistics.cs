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
        private void EmitChunkedStatistics(IndentedWriter w)
        {
            if (shape.SplitsChunks)
            {
                EmitStatisticsByChunks(w);
                return;
            }

            var c = Context;
            string T = c.T;
            bool split = shape.SplitsStatistics;
            w.Line("// Per chunk of rows, relative to the statistic's pivot p: chunk mean and sum of squared deviations m2, merged");
            w.Line("// (Chan et al.): delta = chunkMean - mean; mean += delta * nChunk / n; m2 += chunkM2 + delta^2 * nBefore * nChunk / n.");
            w.Line("// Then mean = p + mean; invStd = 1 / sqrt(m2 / count + eps). Leaves m2 in _sum for the running variance.");
            if (split)
            {
                w.Line("// Blocks [start, end) of the outermost loop, whose statistics are their own, so that threads can share them.");
            }

            using (w.Block("private void ComputeBatchStatistics(ref " + c.Tensor + " x" + (split ? ", int start, int end" : "") + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareMergeState(w, c, withStatisticCount: false);
                w.Line("int rows = " + shape.Rows + ";");
                using var scratch = shape.DeclareScratch(w, "pivotC", "centerC", "partC", "squareC");
                using var farScratch = DeclareFarStatistics(w);
                w.Line("// Pivot: the first value of every statistic. The first chunk's centre, in mean until the chunk merges: the mean");
                w.Line("// of the statistic's values in its first rows, relative to the pivot.");
                EmitPivotsAndCentres(w, ranged: split);
                w.Line();
                shape.EmitOuter(w, at => EmitBlock(w, at), ranged: split);
                shape.EmitOuter(w, at =>
                {
                    using (w.Block("for (int t = 0; t < " + shape.StatisticsPerRow + "; t++)"))
                    {
                        w.Line("int s = " + (at.Statistic == "0" ? "t" : at.Statistic + " + t") + ";");
                        KernelSnippets.FinishMergedStatistic(w, c, "s");
                    }
                }, keptOnly: true, ranged: split);
            }

            w.Line();
            if (split)
            {
                ThreadCalls.EmitOnThreads(w, c, "ComputeBatchStatistics", Names.ReadOnlySpan + "<" + c.Tensor + "> input", "input, default, default", "ref input", shape.SplitExtent);
            }
        }

        /// <summary>The call of <c>ComputeBatchStatistics</c> in Forward: on threads by blocks where the layer splits its
        /// statistics and the call is large enough; with the input span where it splits its chunks (it chooses itself).</summary>
        private string StatisticsCall() =>
            shape.SplitsStatistics
                ? ThreadCalls.OnThreadsWhenLarge(shape.Context, "ComputeBatchStatistics", "input", "ComputeBatchStatistics(ref x, 0, " + shape.SplitExtent + CallBuffers.Arguments(shape.Context) + ");")
                : shape.SplitsChunks
                    ? "ComputeBatchStatistics(input" + CallBuffers.Arguments(shape.Context) + ");"
                    : "ComputeBatchStatistics(ref x" + CallBuffers.Arguments(shape.Context) + ");";

        /// <summary>The statistics of a layer whose rows are all one block (BatchNorm): every chunk is summed around the
        /// centre of the first rows (on threads, by ranges of chunks, when the call is large), its mean and m2 kept in a
        /// pooled array, then the chunks are merged in order on the calling thread, so the result does not depend on the
        /// number of threads.</summary>
        private void EmitStatisticsByChunks(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            string partsLength = "chunks * " + shape.StatisticsTimes(2);
            w.Line("// Per chunk of rows, relative to the statistic's pivot p and around the mean c of its first rows: chunk mean and sum of");
            w.Line("// squared deviations m2 (ChunkStatistics, on threads for a large call), then merged in order (Chan et al.):");
            w.Line("// delta = chunkMean - mean; mean += delta * nChunk / n; m2 += chunkM2 + delta^2 * nBefore * nChunk / n.");
            w.Line("// Then mean = p + mean; invStd = 1 / sqrt(m2 / count + eps). Leaves m2 in _sum for the running variance.");
            using (w.Block("private void ComputeBatchStatistics(" + Names.ReadOnlySpan + "<" + c.Tensor + "> input" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareMergeState(w, c, withStatisticCount: false);
                w.Line("ref " + c.Tensor + " x = ref " + Names.MemoryMarshal + ".GetReference(input);");
                w.Line("int rows = " + shape.Rows + ";");
                shape.DeclareChunks(w);
                w.Line("// Pivot: the first value of every statistic. The chunks' centre, in mean until the chunks merge: the mean of the");
                w.Line("// statistic's values in its first rows, relative to the pivot.");
                EmitPivotsAndCentres(w, ranged: false);
                w.Line(T + "[] parts = " + KernelSnippets.Pool(T) + ".Rent(" + partsLength + ");");
                ChannelsLast.EmitChunkCall(w,
                    "ChunkStatisticsOnThreads(input, parts, chunks, threads" + CallBuffers.Arguments(c) + ");",
                    "ChunkStatistics(ref x, parts, 0, chunks" + CallBuffers.Arguments(c) + ");");

                w.Line("ref " + T + " chunkParts = ref " + Names.MemoryMarshal + ".GetArrayDataReference(parts);");
                using (w.Block("for (int chunkIndex = 0; chunkIndex < chunks; chunkIndex++)"))
                {
                    w.Line("int chunkRows = global::System.Math.Min(" + shape.ChunkRows + ", rows - chunkIndex * " + shape.ChunkRows + ");");
                    w.Line(T + " chunkLength = " + (shape.OneChannelPerStatistic ? "chunkRows" : "chunkRows * " + shape.G) + ";");
                    w.Line("int pc = chunkIndex * " + shape.StatisticsTimes(2) + ";");
                    EmitMerge(w, Offsets.Zero, KernelSnippets.At("chunkParts", "pc + t"), KernelSnippets.At("chunkParts", "pc + " + shape.StatisticsPerRow + " + t"));
                }

                w.Line(KernelSnippets.Pool(T) + ".Return(parts);");
                using (w.Block("for (int s = 0; s < " + shape.StatisticsPerRow + "; s++)"))
                {
                    KernelSnippets.FinishMergedStatistic(w, c, "s");
                }
            }

            w.Line();
            w.Line("// Chunks [start, end): each chunk's mean (relative to the pivot) and m2 per statistic into parts, at chunkIndex * " + shape.StatisticsTimes(2) + " (the means, then the m2).");
            using (w.Block("private void ChunkStatistics(ref " + c.Tensor + " x, " + T + "[] parts, int start, int end" + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_pivots");
                w.Line("ref " + T + " chunkParts = ref " + Names.MemoryMarshal + ".GetArrayDataReference(parts);");
                w.Line("int rows = " + shape.Rows + ";");
                using var scratch = shape.DeclareScratch(w, "pivotC", "centerC", "partC", "squareC");
                using var farScratch = DeclareFarStatistics(w);
                shape.EmitPerChannel(w, "0", () => w.Line(KernelSnippets.At("pivotC", "k") + " = " + KernelSnippets.At("pivots", "s") + ";"));
                using (w.Block("for (int chunkIndex = start; chunkIndex < end; chunkIndex++)"))
                {
                    w.Line("int chunk = chunkIndex * " + shape.ChunkRows + ";");
                    EmitChunk(w, Offsets.Zero);
                    w.Line("int pc = chunkIndex * " + shape.StatisticsTimes(2) + ";");
                    shape.EmitPerStatistic(w, null, System.Array.Empty<string>(), () =>
                    {
                        w.Line(KernelSnippets.At("chunkParts", "pc + t") + " = " + KernelSnippets.At("centerC", "k0") + ";");
                        w.Line(KernelSnippets.At("chunkParts", "pc + " + shape.StatisticsPerRow + " + t") + " = " + KernelSnippets.At("partC", "k0") + ";");
                    });
                }
            }

            w.Line();
            ThreadCalls.EmitOnThreads(w, c, "ChunkStatistics", Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + T + "[] parts, int chunks, int threads", "input, default, default", "ref input, parts", "chunks", "threads");
        }

        /// <summary>For every statistic (of the blocks [start, end) when <paramref name="ranged"/>): its pivot, the mean of its
        /// first rows relative to the pivot in mean, and sum and merged set to zero.</summary>
        private void EmitPivotsAndCentres(IndentedWriter w, bool ranged)
        {
            string firstRows = shape.FixedGroupSize is { } groupSize
                ? Names.Int((ChannelsLastPlan.FirstCentreValues + groupSize - 1) / groupSize)
                : "(" + Names.Int(ChannelsLastPlan.FirstCentreValues - 1) + " + " + shape.G + ") / " + shape.G;
            w.Line("int firstRows = global::System.Math.Min(rows, " + firstRows + ");");
            w.Line(shape.T + " firstScale = " + shape.Names.One + " / " + (shape.OneChannelPerStatistic ? "firstRows;" : "(firstRows * " + shape.G + ");"));
            shape.EmitOuter(w, at => EmitPivotAndCentre(w, at), keptOnly: true, ranged: ranged);
        }

        /// <summary>Where a statistic is one channel, the channels are taken a vector at a time (the rows still one by one
        /// from zero, so each lane adds exactly what the scalar loop would): a channel at a time, the loop over the first
        /// rows strides across the tensor with one dependent addition after another.</summary>
        private void EmitPivotAndCentre(IndentedWriter w, Offsets at)
        {
            string input = at.Input == "0" ? "" : at.Input + " + ";
            string statistic = at.Statistic == "0" ? "" : at.Statistic + " + ";
            string perRow = shape.StatisticsPerRow;
            if (!shape.OneChannelPerStatistic)
            {
                using (w.Block("for (int t = 0; t < " + perRow + "; t++)"))
                {
                    EmitScalarPivotAndCentre(w, input, statistic);
                }

                return;
            }

            string vector = shape.Names.VectorT;
            using (w.Braces())
            {
                w.Line("var firstScaleV = new " + vector + "(firstScale);");
                w.Line("int t = 0;");
                using (w.Block("for (; t <= " + perRow + " - " + vector + ".Count; t += " + vector + ".Count)"))
                {
                    w.Line("var p = " + shape.Names.LoadVector("x", input + "t") + ";");
                    w.Line("var first = " + vector + ".Zero;");
                    using (w.Block("for (int r = 0; r < firstRows; r++)"))
                    {
                        w.Line("first += " + shape.Names.LoadVector("x", input + "r * " + shape.C + " + t") + " - p;");
                    }

                    w.Line(KernelSnippets.StoreVector("p", "pivots", statistic + "t"));
                    w.Line(KernelSnippets.StoreVector("first * firstScaleV", "mean", statistic + "t"));
                    w.Line(KernelSnippets.StoreVector(vector + ".Zero", "sum", statistic + "t"));
                    w.Line(KernelSnippets.StoreVector(vector + ".Zero", "merged", statistic + "t"));
                }

                using (w.Block("for (; t < " + perRow + "; t++)"))
                {
                    EmitScalarPivotAndCentre(w, input, statistic);
                }
            }
        }

        private void EmitScalarPivotAndCentre(IndentedWriter w, string input, string statistic)
        {
            w.Line("int s = " + statistic + "t;");
            w.Line("int k0 = " + (shape.OneChannelPerStatistic ? "t" : "t * " + shape.G) + ";");
            w.Line(shape.T + " p = " + shape.Names.Read("x", input + "k0") + ";");
            w.Line(shape.T + " first = " + shape.Names.Zero + ";");
            using (w.Block("for (int r = 0; r < firstRows; r++)"))
            {
                shape.EmitForChannelsOfStatistic(w, "j", () => w.Line("first += " + shape.Names.Read("x", input + "r * " + shape.C + " + j") + " - p;"));
            }

            w.Line(KernelSnippets.At("pivots", "s") + " = p;");
            w.Line(KernelSnippets.At("mean", "s") + " = first * firstScale;");
            w.Line(KernelSnippets.At("sum", "s") + " = " + shape.Names.Zero + ";");
            w.Line(KernelSnippets.At("merged", "s") + " = " + shape.Names.Zero + ";");
        }

        private void EmitBlock(IndentedWriter w, Offsets at)
        {
            shape.EmitPerChannel(w, at.Statistic, () => w.Line(KernelSnippets.At("pivotC", "k") + " = " + KernelSnippets.At("pivots", "s") + ";"));
            using (w.Block("for (int chunk = 0; chunk < rows; chunk += " + shape.ChunkRows + ")"))
            {
                EmitChunk(w, at);
                EmitMerge(w, at, KernelSnippets.At("centerC", "k0"), KernelSnippets.At("partC", "k0"));
            }
        }

        /// <summary>One chunk's sums: its mean relative to the pivot into centerC, its m2 into partC, at the first channel
        /// of each statistic.</summary>
        private void EmitChunk(IndentedWriter w, Offsets at)
        {
            string T = shape.T;
            var names = shape.Names;
            w.Line("int chunkRows = global::System.Math.Min(" + shape.ChunkRows + ", rows - chunk);");
            w.Line("int xc = " + (at.Input == "0" ? "" : at.Input + " + ") + "chunk * " + shape.C + ";");
            w.Line(T + " chunkLength = " + (shape.OneChannelPerStatistic ? "chunkRows" : "chunkRows * " + shape.G) + ";");
            w.Line(T + " chunkScale = " + names.One + " / chunkLength;");
            shape.EmitPerChannel(w, at.Statistic, () => w.Line(KernelSnippets.At("centerC", "k") + " = " + KernelSnippets.At("mean", "s") + ";"));
            shape.Clear(w, 2);
            shape.Clear(w, 3);
            shape.EmitRows(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, a =>
            {
                EmitDeviations(a);
                a.StoreChannel("partC", a.Channel("partC") + " + " + SumOfRows(a, row => "d" + Names.Int(row)));
                a.StoreChannel("squareC", a.Channel("squareC") + " + " + SumOfRows(a, row => "d" + Names.Int(row) + " * d" + Names.Int(row)));
            });

            w.Line("// Per statistic: the chunk's mean (centre + shift) into centerC, its m2 into partC at its first channel.");
            w.Line("int far = 0;");
            shape.EmitPerStatistic(w, null, new[] { "part", "square" }, () =>
            {
                w.Line(T + " shift = part * chunkScale;");
                w.Line(T + " m2 = square - shift * part;");
                w.Line("if (m2 < square * " + names.Literal(0.5) + ") " + KernelSnippets.At("farStatistics", "far++") + " = t;");
                w.Line(KernelSnippets.At("partC", "k0") + " = m2;");
                shape.EmitForChannelsOfStatistic(w, "j", () => w.Line(KernelSnippets.At("centerC", "j") + " += shift;"));
            });
            using (w.Block("if (far > 0)"))
            {
                w.Line("// A centre far from the chunk's mean: the far statistics' squared deviations from the mean itself, summed again");
                w.Line("// from cache, for every channel at once when many are far, else for their channels alone (the same rows and");
                w.Line("// order, so the same sums). The other statistics keep their m2, whichever way.");
                w.Line("bool everyChannel = far * " + (shape.FixedGroupSize is { } groupSize ? Names.Int(groupSize * ChannelsLastPlan.FarChannelsShare) : Names.Int(ChannelsLastPlan.FarChannelsShare) + " * " + shape.G) + " > " + shape.C + ";");
                using (w.Block("if (everyChannel)"))
                {
                    shape.Clear(w, 3);
                    shape.EmitRows(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, SumSquaredDeviations);
                }

                using (w.Block("for (int f = 0; f < far; f++)"))
                {
                    w.Line("int k0 = " + (shape.OneChannelPerStatistic ? "" : shape.G + " * ") + KernelSnippets.At("farStatistics", "f") + ";");
                    w.Line(T + " square = " + names.Zero + ";");
                    shape.EmitForChannelsOfStatistic(w, "k", () =>
                    {
                        using (w.Block("if (!everyChannel)"))
                        {
                            w.Line(KernelSnippets.At("squareC", "k") + " = " + names.Zero + ";");
                            shape.EmitRowsOfChannel(w, "chunkRows", "xc", ChannelsLastPlan.RowBlock, SumSquaredDeviations);
                        }

                        w.Line("square += " + KernelSnippets.At("squareC", "k") + ";");
                    });
                    w.Line(KernelSnippets.At("partC", "k0") + " = square;");
                }
            }
        }

        /// <summary>squareC += the body's rows' (x - p - c)^2, c now the chunk's mean.</summary>
        private static void SumSquaredDeviations(ChannelAccess a)
        {
            EmitDeviations(a);
            a.StoreChannel("squareC", a.Channel("squareC") + " + " + SumOfRows(a, row => "d" + Names.Int(row) + " * d" + Names.Int(row)));
        }

        /// <summary>Declares <c>farStatistics</c>, where a chunk lists the statistics whose centre was far from its mean.</summary>
        private ScratchSpan DeclareFarStatistics(IndentedWriter w)
        {
            var scratch = shape.DeclareStatisticScratch(w);
            w.Line("ref int farStatistics = ref " + Names.MemoryMarshal + ".GetReference(farScratch);");
            return scratch;
        }

        /// <summary>Merges a chunk of <c>chunkLength</c> values per statistic, whose mean and m2 are
        /// <paramref name="chunkMean"/> and <paramref name="chunkM2"/> (expressions in <c>t</c> and <c>k0</c>).</summary>
        private void EmitMerge(IndentedWriter w, Offsets at, string chunkMean, string chunkM2)
        {
            string T = shape.T;
            w.Line("// Every statistic of the block has merged the same number of values: the weights are shared.");
            w.Line(T + " before = " + KernelSnippets.At("merged", at.Statistic) + ";");
            w.Line(T + " total = before + chunkLength;");
            w.Line(T + " chunkWeight = chunkLength / total;");
            w.Line(T + " crossWeight = before * chunkWeight;");
            shape.EmitPerStatistic(w, at.Statistic, System.Array.Empty<string>(), () =>
            {
                w.Line(T + " delta = " + chunkMean + " - " + KernelSnippets.At("mean", "s") + ";");
                w.Line(KernelSnippets.At("mean", "s") + " += delta * chunkWeight;");
                w.Line(KernelSnippets.At("sum", "s") + " += " + chunkM2 + " + delta * delta * crossWeight;");
                w.Line(KernelSnippets.At("merged", "s") + " = total;");
            });
        }

        /// <summary>d_i = (x - p) - c for the body's rows, with p the pivot and c the centre in centerC.</summary>
        private static void EmitDeviations(ChannelAccess a)
        {
            a.Let("p", a.Channel("pivotC"));
            a.Let("c", a.Channel("centerC"));
            for (int row = 0; row < a.Rows; row++)
            {
                a.Let("d" + Names.Int(row), "(" + a.Input("x", row) + " - p) - c");
            }
        }

        /// <summary>The sum of a term over the body's rows as a balanced tree: ((r0 + r1) + (r2 + r3)).</summary>
        private static string SumOfRows(ChannelAccess a, System.Func<int, string> term)
        {
            var terms = new System.Collections.Generic.List<string>();
            for (int row = 0; row < a.Rows; row++)
            {
                terms.Add(term(row));
            }

            while (terms.Count > 1)
            {
                var next = new System.Collections.Generic.List<string>();
                for (int i = 0; i + 1 < terms.Count; i += 2)
                {
                    next.Add("(" + terms[i] + " + " + terms[i + 1] + ")");
                }

                if (terms.Count % 2 == 1)
                {
                    next.Add(terms[terms.Count - 1]);
                }

                terms = next;
            }

            return terms[0];
        }
    }
}
