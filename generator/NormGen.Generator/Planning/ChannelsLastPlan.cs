using System;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// The channels-last kernels' decided numbers: C is the innermost axis and the axis before it is reduced, so the
    /// tensor is, for each index of the outer loops, a block of rows that each hold one value of every channel. Channel k
    /// belongs to statistic k / groupSize of its block.
    /// </summary>
    /// <param name="Nest">The statistics loop nest: outer loops, then the rows, then C (or G and C/G).</param>
    /// <param name="RowDepth">Depth of the rows loop in <paramref name="Nest"/>; the loops before it are the outer loops.</param>
    /// <param name="FixedChannels">The channel count when it is fixed in the attribute; null when the constructor takes it.</param>
    /// <param name="Groups">The group count (0 without groups).</param>
    /// <param name="FixedGroupSize">Channels per statistic when known at compile time (1 without groups); null for groups
    /// of a constructed channel count.</param>
    /// <param name="FixedStatisticsPerRow">Statistics per block of channels when known at compile time (the group count,
    /// with groups); null for a constructed channel count without groups.</param>
    /// <param name="FixedChunkRows">Rows per chunk of the statistics and gradient sums when the channel count is fixed
    /// (<see cref="ChunkRowsFor"/>); null when the generated code computes it by the same rule.</param>
    /// <param name="ComputeBytes">Bytes of one vector lane (of the compute type).</param>
    internal sealed record ChannelsLastPlan(
        LoopNest Nest, int RowDepth, int? FixedChannels, int Groups, int? FixedGroupSize, int? FixedStatisticsPerRow, int? FixedChunkRows,
        int ComputeBytes)
    {
        /// <summary>The widest <c>Vector&lt;T&gt;</c> in bytes: the runtime's vectors are 16, 32 or 64 bytes, so a row of a
        /// multiple of 64 bytes is whole vectors at every width.</summary>
        public const int MaxVectorBytes = 64;

        /// <summary>Channel counts up to this keep their per-channel scratch arrays on the stack.</summary>
        public const int MaxChannels = 2048;

        /// <summary>Elements per chunk of rows in the statistics: 128 KB of float, so a second pass over a chunk
        /// reads it from the L2 cache.</summary>
        public const int ChunkElements = 32768;

        /// <summary>Rows per chunk at the least, for many channels: each chunk costs a few scalar operations per
        /// channel to combine and merge, and a chunk of few rows has a mean that strays further from the centre of
        /// its one-pass sums. Measurements: docs/benchmarks.md, "The generator's thresholds".</summary>
        public const int MinimumChunkRows = 128;

        /// <summary>Rows summed in registers before the per-channel array is touched.</summary>
        public const int RowBlock = 4;

        /// <summary>Chunks each thread takes at the least when BatchNorm's statistics and gradient sums are shared
        /// (fewer cost more to hand over than they save; docs/benchmarks.md, "The generator's thresholds").</summary>
        public const int ChunksPerThread = 4;

        /// <summary>Values (rows times the channels of a group) whose mean centres the first chunk of the statistics: their
        /// mean is within a standard deviation of the chunk's unless the first rows stand apart from the rest.</summary>
        public const int FirstCentreValues = 16;

        /// <summary>A chunk sums the squared deviations again for every channel when the far statistics' channels are more
        /// than one in this many of a row, and for those statistics' channels alone otherwise (scalar, down the rows).</summary>
        public const int FarChannelsShare = 16;

        /// <summary>The chunk-rows rule: <see cref="ChunkElements"/> values a chunk, whole blocks of
        /// <see cref="RowBlock"/> rows, at least <see cref="MinimumChunkRows"/>.</summary>
        public static int ChunkRowsFor(int channels) => Math.Max(MinimumChunkRows, ChunkElements / channels / RowBlock * RowBlock);

        /// <summary>For a constructed channel count, the channels after the last whole vector take row loops of their own,
        /// after the vectors' (from <c>scalarStart</c>, declared once a kernel), rather than a scalar loop after each row's
        /// vector loop: entered from two places (the test that a vector fits and the vector loop's end), that loop made the
        /// JIT lay the vector loop out with two branches an iteration, and BatchNorm1d's forward took 1.13 times the fixed
        /// layer's time (docs/benchmarks.md, "The vector-fit test outside the rows").</summary>
        public bool SeparatesScalarChannels => FixedChannels is null;

        /// <summary>A row can end in channels that fill no whole vector, for a scalar loop to take: always for a constructed
        /// channel count, never for a fixed row of a multiple of <see cref="MaxVectorBytes"/> bytes.</summary>
        public bool HasScalarTail => FixedChannels is not { } channels || channels * ComputeBytes % MaxVectorBytes != 0;

        /// <summary>The rows' vector offsets are zero-extended (<c>(nuint)(uint)(xr + k)</c>) for a constructed channel
        /// count, where the JIT cannot bound <c>xr + k</c> and sign-extends it every iteration otherwise.</summary>
        public bool ZeroExtendsOffsets => FixedChannels is null;

        /// <summary>A chunk with any far statistic sums every channel's squares again: a fixed channel count under
        /// <see cref="FarChannelsShare"/> times the group size, where one far statistic's channels are already more than
        /// one in <see cref="FarChannelsShare"/> of a row.</summary>
        public bool ResumsEveryChannel => FixedChannels is { } channels && FixedGroupSize is { } groupSize && groupSize * FarChannelsShare > channels;

        /// <summary>Each statistic is one channel (no groups, or groups of one fixed channel).</summary>
        public bool OneChannelPerStatistic => FixedGroupSize == 1;

        /// <summary>The statistics and the gradient sums can be shared among threads by blocks: the outermost loop is an
        /// outer loop along which statistics vary (the samples of GroupNorm or InstanceNorm), so each block's statistics
        /// are its own (its share of the parameter gradients is kept apart and added in block order).</summary>
        public bool SplitsStatistics => RowDepth > 0 && Nest.Dims[0].StatisticVaries;

        /// <summary>The rows are one block (BatchNorm): the statistics and the gradient sums are taken in chunks of rows
        /// that threads can share, merged in chunk order afterwards.</summary>
        public bool SplitsChunks => RowDepth == 0;
    }

    /// <summary>Decides whether a layer's whole-tensor kernels are the channels-last ones, and their numbers.</summary>
    internal static class ChannelsLastPlanner
    {
        /// <summary>The channels-last plan when the layout is channels-last (C innermost and kept, the axis before it
        /// reduced), its statistics are not contiguous and its channels fit the stack scratch; else null.</summary>
        /// <param name="statisticsNest">The batch statistics' loops without parameters.</param>
        public static ChannelsLastPlan? Plan(LayerConfiguration configuration, LoopNest statisticsNest, bool contiguousStatistics)
        {
            var layout = configuration.Layout;
            bool constructed = configuration.ChannelsAtConstruction;
            if (contiguousStatistics || layout.Count < 2 || (!constructed && configuration.Channels > ChannelsLastPlan.MaxChannels))
            {
                return null;
            }

            var last = layout[layout.Count - 1];
            if (last.Axis != Axis.C || last.Reduced || !layout[layout.Count - 2].Reduced)
            {
                return null;
            }

            int rowDepth = statisticsNest.Depth - (configuration.HasGroups ? 3 : 2);
            if (rowDepth < 0 || statisticsNest.Dims[rowDepth].StatisticVaries)
            {
                return null;
            }

            int? fixedChannels = constructed ? null : configuration.Channels;
            int? fixedGroupSize = !configuration.HasGroups ? 1 : fixedChannels is null ? null : configuration.GroupSize;
            int? fixedStatisticsPerRow = fixedChannels is { } channels ? channels / fixedGroupSize
                : configuration.HasGroups ? configuration.Groups : null;
            return new ChannelsLastPlan(
                statisticsNest, rowDepth, fixedChannels, configuration.HasGroups ? configuration.Groups : 0, fixedGroupSize, fixedStatisticsPerRow,
                fixedChannels is { } c ? ChannelsLastPlan.ChunkRowsFor(c) : null, ElementTypes.Of(configuration.ElementType).ComputeBytes);
        }
    }
}
