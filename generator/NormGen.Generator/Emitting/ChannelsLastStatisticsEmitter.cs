namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Batch statistics of a channels-last layer, reading the input from memory once. Rows are taken in chunks that fit
    /// in cache; per chunk and channel, sum(x - pivot) and then sum((x - pivot - chunkMean)^2), the second pass from
    /// cache, with the pivot the statistic's first value so that a large common offset cancels first. The channels of
    /// a statistic (its group) are combined per chunk, and the chunk merges into the statistic with Chan's formula.
    /// Both passes are vertical: per-channel partial sums in registers, RowBlock rows at a time.
    /// </summary>
    internal static class ChannelsLastStatisticsEmitter
    {
        public static void Emit(IndentedWriter w, ChannelsLast shape)
        {
            var c = shape.Context;
            string T = c.T;
            w.Line("// Per chunk of rows, relative to the statistic's pivot p: chunk mean and sum of squared deviations, merged");
            w.Line("// (Chan et al.): delta = chunkMean - mean; mean += delta * nChunk / n; m2 += chunkM2 + delta^2 * nBefore * nChunk / n.");
            w.Line("// Then mean = p + mean; invStd = 1 / sqrt(m2 / count + eps). Leaves m2 in _sum for the running variance.");
            using (w.Block("private void ComputeBatchStatistics(ref " + T + " x" + c.DimensionParameters + ")"))
            {
                Kernels.DeclareMergeState(w, c);
                w.Line("int rows = " + shape.Rows + ";");
                foreach (var field in new[] { "_mean", "_sum", "_sumXhat" })
                {
                    w.Line("new " + Names.Span + "<" + T + ">(" + field + ", 0, statistics).Clear();");
                }

                shape.DeclareScratch(w, "pivotC", "centerC", "partC");
                w.Line("// Pivot: the first value of every statistic.");
                shape.EmitOuter(w, at =>
                {
                    using (w.Block("for (int t = 0; t < " + Names.Int(shape.StatisticsPerRow) + "; t++)"))
                    {
                        string channel = shape.GroupSize == 1 ? "t" : "t * " + Names.Int(shape.GroupSize);
                        w.Line(Kernels.At("pivots", at.Statistic == "0" ? "t" : at.Statistic + " + t") + " = " + Kernels.At("x", at.Input == "0" ? channel : at.Input + " + " + channel) + ";");
                    }
                }, keptOnly: true);
                w.Line();
                shape.EmitOuter(w, at => EmitBlock(w, shape, at));
                using (w.Block("for (int s = 0; s < statistics; s++)"))
                {
                    w.Line(Kernels.At("mean", "s") + " += " + Kernels.At("pivots", "s") + ";");
                    w.Line(Kernels.At("invStd", "s") + " = " + c.Names.One + " / " + c.Names.MathType + ".Sqrt(" + Kernels.At("sum", "s") + " / count + " + c.Names.Literal(c.Configuration.Epsilon) + ");");
                }
            }

            w.Line();
        }

        private static void EmitBlock(IndentedWriter w, ChannelsLast shape, Offsets at)
        {
            string T = shape.T;
            shape.EmitPerChannel(w, at.Statistic, () => w.Line(Kernels.At("pivotC", "k") + " = " + Kernels.At("pivots", "s") + ";"));
            string chunkRows = Names.Int(shape.ChunkRows);
            using (w.Block("for (int chunk = 0; chunk < rows; chunk += " + chunkRows + ")"))
            {
                w.Line("int chunkRows = global::System.Math.Min(" + chunkRows + ", rows - chunk);");
                w.Line("int xc = " + (at.Input == "0" ? "" : at.Input + " + ") + "chunk * " + Names.Int(shape.Channels) + ";");
                w.Line(T + " chunkLength = chunkRows * " + Names.Int(shape.GroupSize) + ";");
                shape.Clear(w, 2);
                shape.EmitRows(w, "chunkRows", "xc", ChannelsLast.RowBlock, a =>
                {
                    a.Let("p", a.Channel("pivotC"));
                    a.StoreChannel("partC", a.Channel("partC") + " + " + SumOfRows(a, row => "(" + a.Input("x", row) + " - p)"));
                });

                w.Line(T + " chunkScale = " + shape.Names.One + " / chunkLength;");
                shape.EmitPerStatistic(w, null, new[] { "part" }, () =>
                {
                    w.Line(T + " chunkMean = part * chunkScale;");
                    shape.EmitForChannelsOfStatistic(w, "j", () => w.Line(Kernels.At("centerC", "j") + " = chunkMean;"));
                });
                shape.Clear(w, 2);
                shape.EmitRows(w, "chunkRows", "xc", ChannelsLast.RowBlock, a =>
                {
                    a.Let("p", a.Channel("pivotC"));
                    a.Let("m", a.Channel("centerC"));
                    for (int row = 0; row < a.Rows; row++)
                    {
                        a.Let("d" + Names.Int(row), "(" + a.Input("x", row) + " - p) - m");
                    }

                    a.StoreChannel("partC", a.Channel("partC") + " + " + SumOfRows(a, row => "d" + Names.Int(row) + " * d" + Names.Int(row)));
                });

                w.Line("// Every statistic of the block has merged the same number of values: the weights are shared.");
                w.Line(T + " before = " + Kernels.At("merged", at.Statistic) + ";");
                w.Line(T + " total = before + chunkLength;");
                w.Line(T + " chunkWeight = chunkLength / total;");
                w.Line(T + " crossWeight = before * chunkWeight;");
                shape.EmitPerStatistic(w, at.Statistic, new[] { "part" }, () =>
                {
                    w.Line(T + " delta = " + Kernels.At("centerC", "k0") + " - " + Kernels.At("mean", "s") + ";");
                    w.Line(Kernels.At("mean", "s") + " += delta * chunkWeight;");
                    w.Line(Kernels.At("sum", "s") + " += part + delta * delta * crossWeight;");
                    w.Line(Kernels.At("merged", "s") + " = total;");
                });
            }
        }

        /// <summary>The sum of a term over the body's rows as a balanced tree: ((r0 + r1) + (r2 + r3)).</summary>
        internal static string SumOfRows(ChannelAccess a, System.Func<int, string> term)
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
