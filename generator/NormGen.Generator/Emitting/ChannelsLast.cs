using System;
using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the channels-last kernels' loops and scratch from the layer's <see cref="ChannelsLastPlan"/>. Its kernels
    /// keep per-channel values in short arrays on the stack and walk every row with vertical vector operations along C,
    /// never a horizontal sum per row.
    /// </summary>
    internal sealed class ChannelsLast
    {
        public ChannelsLast(LayerContext context, ChannelsLastPlan plan)
        {
            Context = context;
            Plan = plan;
            C = context.ChannelsCode;
            G = plan.FixedGroupSize is { } groupSize ? Names.Int(groupSize) : $"({C} / {Names.Int(plan.Groups)})";
            ChunkRows = plan.FixedChunkRows is { } chunkRows ? Names.Int(chunkRows) : "rowsPerChunk";
        }

        public LayerContext Context { get; }

        /// <summary>The decided numbers this writes from.</summary>
        public ChannelsLastPlan Plan { get; }

        /// <summary>The statistics loop nest: outer loops, then the rows, then C (or G and C/G).</summary>
        public LoopNest Nest => Plan.Nest;

        /// <summary>Depth of the rows loop in <see cref="Nest"/>; the loops before it are the outer loops.</summary>
        public int RowDepth => Plan.RowDepth;

        /// <summary>The channel count as code: a literal, or the <c>channels</c> local.</summary>
        public string C { get; }

        /// <summary><paramref name="factor"/> times the channel count, as code.</summary>
        public string ChannelsTimes(int factor) =>
            Plan.FixedChannels is { } channels ? Names.Int(factor * channels) : factor == 1 ? C : $"{Names.Int(factor)} * {C}";

        /// <summary>Channels per statistic, as code: a literal, or <c>(channels / 32)</c>.</summary>
        public string G { get; }

        /// <summary>Channels per statistic when known at compile time.</summary>
        public int? FixedGroupSize => Plan.FixedGroupSize;

        /// <summary>Each statistic is one channel (no groups, or groups of one fixed channel).</summary>
        public bool OneChannelPerStatistic => Plan.OneChannelPerStatistic;

        /// <summary>Statistics in one block of channels, as code.</summary>
        public string StatisticsPerRow => Plan.FixedStatisticsPerRow is { } count ? Names.Int(count) : C;

        /// <summary>Statistics in one block of channels times <paramref name="factor"/>, as code.</summary>
        public string StatisticsTimes(int factor) =>
            Plan.FixedStatisticsPerRow is { } count ? Names.Int(factor * count) : ChannelsTimes(factor);

        /// <summary>Rows per chunk of the statistics and gradient sums, as code: a literal, or the local
        /// <see cref="DeclareRows"/> declares.</summary>
        public string ChunkRows { get; }

        /// <summary>Declares <c>rows</c>, the rows of a block; for a constructed channel count, where the kernel has
        /// <paramref name="rowLoops"/>, <c>scalarStart</c>, the first channel after the whole vectors, and where it is
        /// <paramref name="chunked"/>, <c>rowsPerChunk</c> by the rule of <see cref="ChannelsLastPlan.ChunkRowsFor"/>.</summary>
        public void DeclareRows(IndentedWriter w, bool chunked = false, bool rowLoops = true)
        {
            w.Line($"int rows = {Rows};");
            if (rowLoops && Plan.SeparatesScalarChannels)
            {
                w.Line($"int scalarStart = {C} - {C} % {Names.VectorT}.Count;");
            }

            if (chunked && Plan.FixedChunkRows is null)
            {
                int minimum = ChannelsLastPlan.MinimumChunkRows, elements = ChannelsLastPlan.ChunkElements, block = ChannelsLastPlan.RowBlock;
                w.Line($"int rowsPerChunk = global::System.Math.Max({Names.Int(minimum)}, {Names.Int(elements)} / {C} / {Names.Int(block)} * {Names.Int(block)});");
            }
        }

        /// <summary>The number of rows in one block, as code.</summary>
        public string Rows => Nest.Dims[RowDepth].Extent.ToCode();

        public Names Names => Context.Names;

        public string T => Context.T;

        /// <summary>The statistic of channel <paramref name="channel"/> of the block whose statistics start at <paramref name="statisticBase"/>.</summary>
        public string StatisticOf(string statisticBase, string channel)
        {
            string inBlock = OneChannelPerStatistic ? channel : $"{channel} / {G}";
            return statisticBase == "0" ? inBlock : $"{statisticBase} + {inBlock}";
        }

        /// <summary>Writes the outer loops (all, or with <paramref name="keptOnly"/> only those that index statistics; with
        /// <paramref name="ranged"/> the outermost from the method's <c>start</c> to its <c>end</c>).</summary>
        public void EmitOuter(IndentedWriter w, Action<Offsets> inside, bool keptOnly = false, bool ranged = false) =>
            LoopNestEmitter.EmitRange(w, Nest, 0, RowDepth, Offsets.Zero, inside, keptOnly, ranged);

        /// <summary>See <see cref="ChannelsLastPlan.SplitsStatistics"/>.</summary>
        public bool SplitsStatistics => Plan.SplitsStatistics;

        /// <summary>See <see cref="ChannelsLastPlan.SplitsChunks"/>.</summary>
        public bool SplitsChunks => Plan.SplitsChunks;

        /// <summary>Declares <c>chunks</c>, the number of chunks of <see cref="ChunkRows"/> in the <c>rows</c> declared before.</summary>
        public void DeclareChunks(IndentedWriter w) =>
            w.Line($"int chunks = (int)(((long)rows + {(Plan.FixedChunkRows is { } chunkRows ? Names.Int(chunkRows - 1) : $"{ChunkRows} - 1")}) / {ChunkRows});");

        /// <summary>Writes the choice between a chunk kernel's <paramref name="onThreads"/> call, with <c>threads</c> threads
        /// of at least <see cref="ChannelsLastPlan.ChunksPerThread"/> chunks each, when more than one is left and the call is large, and its
        /// <paramref name="oneThread"/> call.</summary>
        public static void EmitChunkCall(IndentedWriter w, string onThreads, string oneThread)
        {
            string perThread = Names.Int(ChannelsLastPlan.ChunksPerThread);
            w.Template($$"""
                int threads = global::System.Math.Min(_threads, chunks / {{perThread}}); // fewer chunks a thread do not pay for the hand-over
                if (threads > 1 && input.Length >= {{Names.Parallel}}.MinimumElements)
                {
                    {{onThreads}}
                }
                else
                {
                    {{oneThread}}
                }
                """);
        }

        /// <summary>The extent of the outermost loop, as code: what <see cref="SplitsStatistics"/> shares among threads.</summary>
        public string SplitExtent => Nest.Dims[0].Extent.ToCode();

        /// <summary>Declares <c>Span&lt;T&gt; scratch</c> of n × C values (see <see cref="ScratchSpan"/>) and a ref local to
        /// each slice; dispose the result where the kernel ends.</summary>
        public ScratchSpan DeclareScratch(IndentedWriter w, params string[] names)
        {
            var scratch = ScratchSpan.Declare(w, T, Context.Elements.ComputeBytes, "scratch", Plan.FixedChannels * names.Length, ChannelsTimes(names.Length), names.Length * ChannelsLastPlan.MaxChannels);
            w.Line($"ref {T} {names[0]} = ref {Names.MemoryMarshal}.GetReference(scratch);");
            for (int i = 1; i < names.Length; i++)
            {
                w.Line($"ref {T} {names[i]} = ref {Names.Unsafe}.Add(ref {names[0]}, {ChannelsTimes(i)});");
            }

            return scratch;
        }

        /// <summary>Declares <c>Span&lt;int&gt; farScratch</c>, one index per statistic of a block (see <see cref="ScratchSpan"/>).</summary>
        public ScratchSpan DeclareStatisticScratch(IndentedWriter w) =>
            ScratchSpan.Declare(w, "int", sizeof(int), "farScratch", Plan.FixedStatisticsPerRow, StatisticsPerRow, ChannelsLastPlan.MaxChannels);

        /// <summary>Sets <paramref name="count"/> scratch slices from slice <paramref name="index"/> (of those declared) to zero.</summary>
        public void Clear(IndentedWriter w, int index, int count = 1) =>
            w.Line($"scratch.Slice({ChannelsTimes(index)}, {ChannelsTimes(count)}).Clear();");

        /// <summary>Sets scratch slice <paramref name="index"/> (named <paramref name="slice"/>) to each channel's value of the
        /// statistic array <paramref name="statistics"/>, for the block whose statistics start at <paramref name="statisticBase"/>:
        /// one copy where a statistic is one channel.</summary>
        public void CopyStatistics(IndentedWriter w, int index, string slice, string statistics, string statisticBase)
        {
            if (!OneChannelPerStatistic)
            {
                EmitPerChannel(w, statisticBase, s => w.Line($"{KernelSnippets.At(slice, "k")} = {KernelSnippets.At(statistics, s)};"));
                return;
            }

            string from = statisticBase == "0" ? statistics : $"{Names.Unsafe}.Add(ref {statistics}, {statisticBase})";
            string to = index == 0 ? "scratch" : $"scratch.Slice({ChannelsTimes(index)})";
            w.Line($"{Names.MemoryMarshal}.CreateReadOnlySpan(ref {from}, {C}).CopyTo({to});");
        }

        /// <summary>Copies scratch slice <paramref name="index"/> and the next (two rows of C values) into the pooled
        /// <c>parts</c> of chunk <c>chunkIndex</c>.</summary>
        public void CopyToParts(IndentedWriter w, int index)
        {
            string length = ChannelsTimes(2);
            w.Line($"scratch.Slice({ChannelsTimes(index)}, {length}).CopyTo(new {Names.Span}<{T}>(parts, chunkIndex * {length}, {length}));");
        }

        /// <summary>A loop over the channels <c>k</c> of a block; <paramref name="body"/> gets the code of channel k's
        /// statistic (<c>k</c> itself, or <c>s</c>, declared).</summary>
        public void EmitPerChannel(IndentedWriter w, string statisticBase, Action<string> body)
        {
            if (Plan.FixedGroupSize is null)
            {
                // Groups of a constructed count: the statistic steps once per group, no division per channel.
                using (w.Block($"for (int k = 0, s = {statisticBase}; k < {C}; s++)"))
                using (w.Block($"for (int groupEnd = k + {G}; k < groupEnd; k++)"))
                {
                    body("s");
                }

                return;
            }

            using (w.Block($"for (int k = 0; k < {C}; k++)"))
            {
                string statistic = StatisticOf(statisticBase, "k");
                if (statistic != "k")
                {
                    w.Line($"int s = {statistic};");
                }

                body(statistic == "k" ? "k" : "s");
            }
        }

        /// <summary>A loop over the statistics <c>t</c> of a block; <paramref name="body"/> gets the code of the statistic
        /// (from <paramref name="statisticBase"/>; null: none) and of its first channel. <paramref name="totals"/> are
        /// summed over the statistic's channels into locals of the same name.</summary>
        public void EmitPerStatistic(IndentedWriter w, string? statisticBase, string[] totals, Action<string, string> body)
        {
            using (w.Block($"for (int t = 0; t < {StatisticsPerRow}; t++)"))
            {
                string statistic = statisticBase is null or "0" ? "t" : "s";
                if (statistic == "s")
                {
                    w.Line($"int s = {statisticBase} + t;");
                }

                string k0 = OneChannelPerStatistic ? "t" : "k0";
                if (!OneChannelPerStatistic)
                {
                    w.Line($"int k0 = t * {G};");
                }

                if (OneChannelPerStatistic)
                {
                    foreach (var total in totals)
                    {
                        w.Line($"{T} {total} = {KernelSnippets.At($"{total}C", k0)};");
                    }
                }
                else if (totals.Length > 0)
                {
                    w.Line($"{T} {string.Join(", ", totals.Select(total => $"{total} = {Names.Zero}"))};");
                    EmitForChannelsOfStatistic(w, k0, "j", j =>
                    {
                        foreach (var total in totals)
                        {
                            w.Line($"{total} += {KernelSnippets.At($"{total}C", j)};");
                        }
                    });
                }

                body(statistic, k0);
            }
        }

        /// <summary><paramref name="body"/> for each channel of the statistic whose first channel is <paramref name="k0"/>:
        /// a loop over <paramref name="channel"/>, or with one channel a statistic, the body for <paramref name="k0"/>.</summary>
        public void EmitForChannelsOfStatistic(IndentedWriter w, string k0, string channel, Action<string> body)
        {
            if (OneChannelPerStatistic)
            {
                body(k0);
                return;
            }

            using (w.Block(Plan.FixedGroupSize is null
                ? $"for (int {channel} = {k0}, {channel}End = {k0} + {G}; {channel} < {channel}End; {channel}++)"
                : $"for (int {channel} = {k0}; {channel} < {k0} + {G}; {channel}++)"))
            {
                body(channel);
            }
        }

        /// <summary>
        /// Writes a loop over rows <paramref name="firstRow"/> to <paramref name="rows"/> (exclusive) from input offset
        /// <paramref name="start"/>, taking <paramref name="block"/> rows at a time (then the rest one by one); inside,
        /// a vector loop over the channels and a scalar loop over those left, both with the body <paramref name="body"/>
        /// declares for the rows given. Where the channel count is constructed, the rows take the vectors alone (when one
        /// fits, so that few channels do not walk the rows for nothing), and the channels after the last whole vector take
        /// row loops of their own after them (<see cref="ChannelsLastPlan.SeparatesScalarChannels"/>): each channel adds its
        /// rows in the same order either way.
        /// </summary>
        public void EmitRows(IndentedWriter w, string rows, string start, int block, Action<RowBody> body, string firstRow = "0")
        {
            string vectorCount = $"{Names.VectorT}.Count";
            if (!Plan.SeparatesScalarChannels)
            {
                EmitRowLoops(w, rows, start, block, firstRow, blockRows =>
                {
                    var rowBody = Declared(body, blockRows);
                    if (!Plan.HasScalarTail)
                    {
                        using (w.Block($"for (int k = 0; k < {C}; k += {vectorCount})"))
                        {
                            rowBody.Write(w, vector: true);
                        }

                        return;
                    }

                    w.Line("int k = 0;");
                    using (w.Block($"for (; k <= {C} - {vectorCount}; k += {vectorCount})"))
                    {
                        rowBody.Write(w, vector: true);
                    }

                    using (w.Block($"for (; k < {C}; k++)"))
                    {
                        rowBody.Write(w, vector: false);
                    }
                }, header: null);
                return;
            }

            EmitRowLoops(w, rows, start, block, firstRow, blockRows =>
            {
                using (w.Block($"for (int k = 0; k <= {C} - {vectorCount}; k += {vectorCount})"))
                {
                    Declared(body, blockRows).Write(w, vector: true);
                }
            }, $"if ({C} >= {vectorCount})");
            EmitRowLoops(w, rows, start, block, firstRow, blockRows =>
            {
                using (w.Block($"for (int k = scalarStart; k < {C}; k++)"))
                {
                    Declared(body, blockRows).Write(w, vector: false);
                }
            }, $"if (scalarStart < {C})");
        }

        /// <summary>
        /// <see cref="EmitRows"/> for the one channel <c>k</c> the caller has declared, in a scope the caller has opened:
        /// the locals <paramref name="perChannel"/> declares, once, then the same row loops and blocks with the scalar body
        /// only, so that a channel's sums add up exactly as in the loop over every channel.
        /// </summary>
        public void EmitRowsOfChannel(IndentedWriter w, string rows, string start, int block, Action<RowBody> perChannel, Action<RowBody> body)
        {
            var channelBody = Declared(perChannel, 1);
            channelBody.Write(w, vector: false);
            w.Line("int r = 0;");
            EmitRowBlocks(w, rows, start, block, blockRows =>
            {
                var rowBody = new RowBody(this, blockRows, channelBody.Locals);
                body(rowBody);
                rowBody.Write(w, vector: false);
            });
        }

        private RowBody Declared(Action<RowBody> body, int rows)
        {
            var rowBody = new RowBody(this, rows);
            body(rowBody);
            return rowBody;
        }

        /// <summary>The row loops in a scope of their own (<paramref name="header"/> null) or under an <c>if</c>.</summary>
        private void EmitRowLoops(IndentedWriter w, string rows, string start, int block, string firstRow, Action<int> rowsOfBody, string? header)
        {
            using (header is null ? w.Braces() : w.Block(header))
            {
                w.Line($"int r = {firstRow};");
                EmitRowBlocks(w, rows, start, block, rowsOfBody);
            }
        }

        /// <summary>Blocks of <paramref name="block"/> rows from <c>r</c>, then the rest one by one, each after its row offsets.</summary>
        private void EmitRowBlocks(IndentedWriter w, string rows, string start, int block, Action<int> rowsOfBody)
        {
            if (block > 1)
            {
                using (w.Block($"for (; r <= {rows} - {Names.Int(block)}; r += {Names.Int(block)})"))
                {
                    EmitRowOffsets(w, start, block);
                    rowsOfBody(block);
                }
            }

            using (w.Block($"for (; r < {rows}; r++)"))
            {
                EmitRowOffsets(w, start, 1);
                rowsOfBody(1);
            }
        }

        /// <summary>The offset of row <paramref name="row"/> of a block: <c>xr</c>, then <c>xr1</c>, <c>xr2</c>, ... (declared
        /// for a constructed channel count) or <c>xr + 256</c>, ... (a fixed one, folded into the address).</summary>
        public string RowOffset(int row) =>
            row == 0 ? "xr" : Plan.FixedChannels is null ? $"xr{Names.Int(row)}" : $"xr + {ChannelsTimes(row)}";

        private void EmitRowOffsets(IndentedWriter w, string start, int rows)
        {
            var offsets = new System.Text.StringBuilder(start == "0" ? $"int xr = r * {C}" : $"int xr = {start} + r * {C}");
            for (int row = 1; Plan.FixedChannels is null && row < rows; row++)
            {
                offsets.Append($", {RowOffset(row)} = {RowOffset(row - 1)} + {C}");
            }

            w.Line(offsets.Append(';').ToString());
        }
    }
}
