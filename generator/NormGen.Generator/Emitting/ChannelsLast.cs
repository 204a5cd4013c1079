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
            G = plan.FixedGroupSize is { } groupSize ? Names.Int(groupSize) : "(" + C + " / " + Names.Int(plan.Groups) + ")";
            ChunkRows = plan.FixedChunkRows is { } chunkRows
                ? Names.Int(chunkRows)
                : "global::System.Math.Max(" + Names.Int(ChannelsLastPlan.MinimumChunkRows) + ", " + Names.Int(ChannelsLastPlan.ChunkElements) + " / " + C
                    + " / " + Names.Int(ChannelsLastPlan.RowBlock) + " * " + Names.Int(ChannelsLastPlan.RowBlock) + ")";
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
            Plan.FixedChannels is { } channels ? Names.Int(factor * channels) : factor == 1 ? C : Names.Int(factor) + " * " + C;

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

        /// <summary>Rows per chunk of the statistics and gradient sums, as code.</summary>
        public string ChunkRows { get; }

        /// <summary>The number of rows in one block, as code.</summary>
        public string Rows => Nest.Dims[RowDepth].Extent.ToCode();

        public Names Names => Context.Names;

        public string T => Context.T;

        /// <summary>The statistic of channel <paramref name="channel"/> of the block whose statistics start at <paramref name="statisticBase"/>.</summary>
        public string StatisticOf(string statisticBase, string channel)
        {
            string inBlock = OneChannelPerStatistic ? channel : channel + " / " + G;
            return statisticBase == "0" ? inBlock : statisticBase + " + " + inBlock;
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
            w.Line("int chunks = (int)(((long)rows + " + (Plan.FixedChunkRows is { } chunkRows ? Names.Int(chunkRows - 1) : ChunkRows + " - 1") + ") / " + ChunkRows + ");");

        /// <summary>Writes the choice between a chunk kernel's <paramref name="onThreads"/> call, with <c>threads</c> threads
        /// of at least <see cref="ChannelsLastPlan.ChunksPerThread"/> chunks each, when more than one is left and the call is large, and its
        /// <paramref name="oneThread"/> call.</summary>
        public static void EmitChunkCall(IndentedWriter w, string onThreads, string oneThread)
        {
            w.Line("// At least " + Names.Int(ChannelsLastPlan.ChunksPerThread) + " chunks a thread: fewer do not pay for the hand-over.");
            w.Line("int threads = global::System.Math.Min(_threads, chunks / " + Names.Int(ChannelsLastPlan.ChunksPerThread) + ");");
            using (w.Block("if (threads > 1 && input.Length >= " + Names.Parallel + ".MinimumElements)"))
            {
                w.Line(onThreads);
            }

            using (w.Block("else"))
            {
                w.Line(oneThread);
            }
        }

        /// <summary>The extent of the outermost loop, as code: what <see cref="SplitsStatistics"/> shares among threads.</summary>
        public string SplitExtent => Nest.Dims[0].Extent.ToCode();

        /// <summary>Declares <c>Span&lt;T&gt; scratch</c> of n × C values (see <see cref="ScratchSpan"/>) and a ref local to
        /// each slice; dispose the result where the kernel ends.</summary>
        public ScratchSpan DeclareScratch(IndentedWriter w, params string[] names)
        {
            var scratch = ScratchSpan.Declare(w, T, Context.Elements.ComputeBytes, "scratch", Plan.FixedChannels * names.Length, ChannelsTimes(names.Length), names.Length * ChannelsLastPlan.MaxChannels);
            w.Line("ref " + T + " " + names[0] + " = ref " + Names.MemoryMarshal + ".GetReference(scratch);");
            for (int i = 1; i < names.Length; i++)
            {
                w.Line("ref " + T + " " + names[i] + " = ref " + Names.Unsafe + ".Add(ref " + names[0] + ", " + ChannelsTimes(i) + ");");
            }

            return scratch;
        }

        /// <summary>Declares <c>Span&lt;int&gt; farScratch</c>, one index per statistic of a block (see <see cref="ScratchSpan"/>).</summary>
        public ScratchSpan DeclareStatisticScratch(IndentedWriter w) =>
            ScratchSpan.Declare(w, "int", sizeof(int), "farScratch", Plan.FixedStatisticsPerRow, StatisticsPerRow, ChannelsLastPlan.MaxChannels);

        /// <summary>Sets the scratch slice <paramref name="index"/> (of those declared) to zero.</summary>
        public void Clear(IndentedWriter w, int index) =>
            w.Line("scratch.Slice(" + ChannelsTimes(index) + ", " + C + ").Clear();");

        /// <summary>A loop over the channels of a block, with <c>s</c> the statistic of channel <c>k</c>.</summary>
        public void EmitPerChannel(IndentedWriter w, string statisticBase, Action body)
        {
            if (Plan.FixedGroupSize is null)
            {
                // Groups of a constructed count: the statistic steps once per group, no division per channel.
                using (w.Block("for (int k = 0, s = " + statisticBase + "; k < " + C + "; s++)"))
                using (w.Block("for (int groupEnd = k + " + G + "; k < groupEnd; k++)"))
                {
                    body();
                }

                return;
            }

            using (w.Block("for (int k = 0; k < " + C + "; k++)"))
            {
                w.Line("int s = " + StatisticOf(statisticBase, "k") + ";");
                body();
            }
        }

        /// <summary>A loop over the statistics of a block: <c>s</c> the statistic, <c>k0</c> its first channel;
        /// <paramref name="totals"/> are summed over the statistic's channels into locals of the same name.</summary>
        public void EmitPerStatistic(IndentedWriter w, string? statisticBase, string[] totals, Action body)
        {
            using (w.Block("for (int t = 0; t < " + StatisticsPerRow + "; t++)"))
            {
                if (statisticBase is not null)
                {
                    w.Line("int s = " + (statisticBase == "0" ? "t" : statisticBase + " + t") + ";");
                }

                w.Line("int k0 = " + (OneChannelPerStatistic ? "t" : "t * " + G) + ";");
                foreach (var (total, array) in totals.Select(t => (t, t + "C")))
                {
                    if (OneChannelPerStatistic)
                    {
                        w.Line(T + " " + total + " = " + KernelSnippets.At(array, "k0") + ";");
                        continue;
                    }

                    w.Line(T + " " + total + " = " + Names.Zero + ";");
                    EmitForChannelsOfStatistic(w, "j", () => w.Line(total + " += " + KernelSnippets.At(array, "j") + ";"));
                }

                body();
            }
        }

        /// <summary>Inside <see cref="EmitPerStatistic"/>: <paramref name="body"/> for each channel <paramref name="channel"/> of the statistic.</summary>
        public void EmitForChannelsOfStatistic(IndentedWriter w, string channel, Action body)
        {
            if (OneChannelPerStatistic)
            {
                using (w.Braces())
                {
                    w.Line("int " + channel + " = k0;");
                    body();
                }

                return;
            }

            string loop = Plan.FixedGroupSize is null
                ? "for (int " + channel + " = k0, " + channel + "End = k0 + " + G + "; " + channel + " < " + channel + "End; " + channel + "++)"
                : "for (int " + channel + " = k0; " + channel + " < k0 + " + G + "; " + channel + "++)";
            using (w.Block(loop))
            {
                body();
            }
        }

        /// <summary>
        /// Writes a loop over rows <paramref name="firstRow"/> to <paramref name="rows"/> (exclusive) from input offset
        /// <paramref name="start"/>, taking <paramref name="block"/> rows at a time (then the rest one by one); inside,
        /// a vector loop over the channels and a scalar tail, both with the body <paramref name="body"/> writes for the
        /// rows given.
        /// </summary>
        public void EmitRows(IndentedWriter w, string rows, string start, int block, Action<ChannelAccess> body, string firstRow = "0")
        {
            if (!Plan.TestsVectorFitOutsideRows)
            {
                EmitRowLoops(w, rows, start, block, firstRow, blockRows => EmitChannels(w, start, blockRows, body, vectorFits: false));
                return;
            }

            EmitRowLoops(w, rows, start, block, firstRow, blockRows => EmitChannels(w, start, blockRows, body, vectorFits: true),
                "if (" + C + " >= " + Names.VectorT + ".Count)");
            EmitRowLoops(w, rows, start, block, firstRow, blockRows =>
            {
                EmitRowOffsets(w, start, blockRows);
                EmitScalarChannels(w, "int k = 0", body, blockRows);
            }, "else");
        }

        /// <summary>
        /// <see cref="EmitRows"/> for the one channel <c>k</c> the caller has declared: the same row loops and blocks,
        /// with the scalar body only, so that a channel's sums add up exactly as in the loop over every channel.
        /// </summary>
        public void EmitRowsOfChannel(IndentedWriter w, string rows, string start, int block, Action<ChannelAccess> body) =>
            EmitRowLoops(w, rows, start, block, "0", blockRows =>
            {
                EmitRowOffsets(w, start, blockRows);
                body(new ChannelAccess(w, this, vector: false, blockRows));
            });

        /// <summary>The row loops in a scope of their own (<paramref name="header"/> null) or under an <c>if</c>/<c>else</c>.</summary>
        private static void EmitRowLoops(
            IndentedWriter w, string rows, string start, int block, string firstRow, Action<int> rowsOfBody, string? header = null)
        {
            using (header is null ? w.Braces() : w.Block(header))
            {
                w.Line("int r = " + firstRow + ";");
                if (block > 1)
                {
                    using (w.Block("for (; r <= " + rows + " - " + Names.Int(block) + "; r += " + Names.Int(block) + ")"))
                    {
                        rowsOfBody(block);
                    }
                }

                using (w.Block("for (; r < " + rows + "; r++)"))
                {
                    rowsOfBody(1);
                }
            }
        }

        /// <summary>The offset of row <paramref name="row"/> of a block: <c>xr</c>, then <c>xr1</c>, <c>xr2</c>, ... (declared
        /// for a constructed channel count) or <c>xr + 256</c>, ... (a fixed one, folded into the address).</summary>
        public string RowOffset(int row) =>
            row == 0 ? "xr" : Plan.FixedChannels is null ? "xr" + row.ToString(System.Globalization.CultureInfo.InvariantCulture) : "xr + " + ChannelsTimes(row);

        private void EmitRowOffsets(IndentedWriter w, string start, int rows)
        {
            w.Line("int xr = " + (start == "0" ? "" : start + " + ") + "r * " + C + ";");
            for (int row = 1; Plan.FixedChannels is null && row < rows; row++)
            {
                w.Line("int " + RowOffset(row) + " = " + RowOffset(row - 1) + " + " + C + ";");
            }
        }

        /// <summary>A block's row offsets, the vector loop over the channels and the scalar tail. With
        /// <paramref name="vectorFits"/> the caller has tested that a vector fits in a row, so the vector loop runs at
        /// least once and is written with its test at the bottom only.</summary>
        private void EmitChannels(IndentedWriter w, string start, int rows, Action<ChannelAccess> body, bool vectorFits)
        {
            EmitRowOffsets(w, start, rows);
            w.Line("int k = 0;");
            string test = "k <= " + C + " - " + Names.VectorT + ".Count";
            string step = "k += " + Names.VectorT + ".Count";
            using (vectorFits ? w.Block("do") : w.Block("for (; " + test + "; " + step + ")"))
            {
                body(new ChannelAccess(w, this, vector: true, rows));
                if (vectorFits)
                {
                    w.Line(step + ";");
                }
            }

            if (vectorFits)
            {
                w.Line("while (" + test + ");");
            }

            EmitScalarChannels(w, "", body, rows);
        }

        private void EmitScalarChannels(IndentedWriter w, string initialiser, Action<ChannelAccess> body, int rows)
        {
            using (w.Block("for (" + initialiser + "; k < " + C + "; k++)"))
            {
                body(new ChannelAccess(w, this, vector: false, rows));
            }
        }
    }

    /// <summary>What a row-loop body writes with: loads and stores of the input rows and the per-channel arrays at
    /// the current channel, as vectors or as scalars.</summary>
    internal sealed class ChannelAccess
    {
        private readonly ChannelsLast _shape;

        public ChannelAccess(IndentedWriter writer, ChannelsLast shape, bool vector, int rows)
        {
            Writer = writer;
            _shape = shape;
            Vector = vector;
            Rows = rows;
        }

        public IndentedWriter Writer { get; }

        public bool Vector { get; }

        /// <summary>Rows handled by one pass of the body.</summary>
        public int Rows { get; }

        /// <summary>The input array's value at row <paramref name="row"/> of the block, current channel. A tensor that
        /// converts is widened once, into a local declared at its first use, however many expressions read it.</summary>
        public string Input(string array, int row)
        {
            string load = Load(array, _shape.RowOffset(row) + " + k");
            if (!Vector || !Names.Elements.Converts || !Names.IsTensor(array))
            {
                return load;
            }

            string local = array + Names.Int(row) + "Wide";
            if (_widened.Add(local))
            {
                Writer.Line("var " + local + " = " + load + ";");
            }

            return local;
        }

        private readonly System.Collections.Generic.HashSet<string> _widened = new();

        /// <summary>A per-channel array's value at the current channel.</summary>
        public string Channel(string array) => Load(array, "k");

        public void Let(string name, string expression) =>
            Writer.Line((Vector ? "var " : _shape.T + " ") + name + " = " + expression + ";");

        public void Store(string array, int row, string value) =>
            StoreAt(array, _shape.RowOffset(row) + " + k", value);

        public void StoreChannel(string array, string value) => StoreAt(array, "k", value);

        private string Load(string array, string index) =>
            Vector ? Names.LoadVector(array, index, _shape.Plan.ZeroExtendsOffsets) : Names.Read(array, index);

        private void StoreAt(string array, string index, string value) =>
            Writer.Line(Vector ? Names.StoreVector(value, array, index, _shape.Plan.ZeroExtendsOffsets) : Names.Write(array, index, value));

        private Names Names => _shape.Names;
    }
}
