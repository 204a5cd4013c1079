using System;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>When the training kernels finish one statistic at a time (fused: its sums, its statistic and its
    /// normalisation while its values are in cache) instead of whole-tensor passes.</summary>
    internal enum StatisticFusion
    {
        /// <summary>Statistics vary along the innermost loop (channels-last), or its runs are short: whole-tensor passes.</summary>
        Never,

        /// <summary>Always: a statistic's values are contiguous, or fixed extents make them few enough.</summary>
        Always,

        /// <summary>When the per-call extents make a statistic's values few enough; else whole-tensor passes.</summary>
        WhenSmall,
    }

    /// <summary>Chooses a layer's <see cref="StatisticFusion"/>. Its thresholds and the measurements behind them are
    /// in docs/benchmarks.md, "The generator's thresholds".</summary>
    internal static class FusionPlanner
    {
        /// <summary>Bytes of one statistic's values up to which it is taken in one go: a core's L1 data cache.</summary>
        public const int FusedStatisticBytes = 32 << 10;

        /// <summary>Innermost runs of fewer fixed values than this count as short: taken run by run, a statistic would
        /// pay a horizontal sum every few values, so the whole-tensor kernels sum across runs instead.</summary>
        public const int ShortRunValues = 64;

        /// <summary>Values per statistic up to which a statistic is taken in one go.</summary>
        public static int FusedStatisticLimit(ElementTypes elements) =>
            FusedStatisticBytes / elements.StorageBytes;

        /// <param name="batchNest">The training kernels' loops.</param>
        /// <param name="contiguousStatistics">Every statistic's values are one contiguous stretch.</param>
        /// <param name="valuesPerStatistic">Values each statistic is computed from.</param>
        /// <param name="elements">The element types (the limit is in bytes of the tensor in cache).</param>
        /// <param name="knownAtConstruction">Whether an extent is constant or given to the constructor. A run of
        /// constructed extents (C, or a group's channels, innermost) counts as short: channel counts and group sizes
        /// are mostly below <see cref="ShortRunValues"/>.</param>
        public static StatisticFusion Choose(
            LoopNest batchNest, bool contiguousStatistics, Extent valuesPerStatistic, ElementTypes elements, Func<Extent, bool> knownAtConstruction)
        {
            var innermost = batchNest.Innermost;
            bool shortRuns = innermost.Extent.IsConstant ? innermost.Extent.Constant < ShortRunValues : knownAtConstruction(innermost.Extent);
            return contiguousStatistics ? StatisticFusion.Always
                : innermost.StatisticVaries || shortRuns ? StatisticFusion.Never
                : !valuesPerStatistic.IsConstant ? StatisticFusion.WhenSmall
                : valuesPerStatistic.Constant <= FusedStatisticLimit(elements) ? StatisticFusion.Always
                : StatisticFusion.Never;
        }
    }
}
