using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// Plans the loops of a kernel for one configuration: adjacent axes that index input, statistics and parameters
    /// alike merge into one loop, so NCHW BatchNorm becomes (N)(C)(HW) and NHWC BatchNorm (NHW)(C), each walking
    /// memory contiguously in its innermost loop.
    /// </summary>
    internal static class KernelPlanner
    {
        public static LoopNest Plan(LayerConfiguration configuration, StatisticView view, bool withParameters)
        {
            var groups = new List<List<PrimitiveAxis>>();
            foreach (var axis in PrimitiveAxis.Of(configuration))
            {
                if (groups.Count > 0 && SameRole(groups[groups.Count - 1][0], axis, view, withParameters))
                {
                    groups[groups.Count - 1].Add(axis);
                }
                else
                {
                    groups.Add(new List<PrimitiveAxis> { axis });
                }
            }

            var dims = new List<LoopDim>();
            for (int i = 0; i < groups.Count; i++)
            {
                var inner = groups.Skip(i + 1).SelectMany(g => g).ToArray();
                var first = groups[i][0];
                dims.Add(new LoopDim(
                    string.Concat(groups[i].Select(a => a.Label)),
                    Extent.Product(groups[i].Select(a => a.Extent)),
                    Extent.Product(inner.Select(a => a.Extent)),
                    first.InStatistics(view) ? Extent.Product(inner.Where(a => a.InStatistics(view)).Select(a => a.Extent)) : null,
                    withParameters && first.InParameters ? Extent.Product(inner.Where(a => a.InParameters).Select(a => a.Extent)) : null));
            }

            return new LoopNest(dims.ToEquatableArray());
        }

        /// <summary>
        /// The same loops with every extent that is a product of per-call extents (<see cref="Extent.IsProduct"/>) named
        /// for its role, so a kernel computes it once, in a local, instead of in each loop's condition (and each stride of
        /// the same value, <c>i1 * plane</c>, reads that local too): HW is the
        /// <c>plane</c>, DHW the <c>volume</c>, NHW (no C) the <c>positions</c>, CHW the <c>sampleValues</c>, C/G·HW the
        /// <c>groupValues</c>, NCHW the <c>elements</c>.
        /// </summary>
        public static LoopNest WithExtentLocals(LoopNest nest)
        {
            var used = new HashSet<string>();
            var dims = nest.Dims.Select(dim =>
            {
                if (!dim.Extent.IsProduct)
                {
                    return dim;
                }

                string local = ExtentLocal(dim.Label);
                if (!used.Add(local))
                {
                    local = dim.Label.Replace("/", "").ToLowerInvariant() + "Extent";
                    used.Add(local);
                }

                return dim with { Extent = dim.Extent.Named(local) };
            }).ToList();
            var locals = dims.Where(d => d.Extent.Local is not null).ToDictionary(d => d.Extent.Unnamed, d => d.Extent);
            Extent? Stride(Extent? stride) => stride is not null && locals.TryGetValue(stride, out var named) ? named : stride;
            return new LoopNest(dims
                .Select(d => d with { InputStride = Stride(d.InputStride)!, StatisticStride = Stride(d.StatisticStride), ParameterStride = Stride(d.ParameterStride) })
                .ToEquatableArray());
        }

        private static string ExtentLocal(string label)
        {
            bool batch = label.Contains("N"), channels = label.Contains("C");
            return (batch, channels) switch
            {
                (false, false) => label == "HW" ? "plane" : label == "DHW" ? "volume" : "spatial",
                (true, false) => "positions",
                (false, true) => label.Contains("C/G") ? "groupValues" : "sampleValues",
                _ => "elements",
            };
        }

        private static bool SameRole(PrimitiveAxis a, PrimitiveAxis b, StatisticView view, bool withParameters) =>
            a.InStatistics(view) == b.InStatistics(view)
            && (!withParameters || a.InParameters == b.InParameters);

        /// <summary>
        /// When every statistic's values are one contiguous block (the reduced axes are innermost, as in LayerNorm,
        /// InstanceNorm and GroupNorm on NCHW), kernels can finish one statistic while its values are in cache:
        /// returns the depth in <paramref name="nest"/> where that block starts, else null.
        /// <paramref name="statistics"/> is the plan of the batch statistics alone (without parameters).
        /// </summary>
        public static int? ContiguousStatisticsDepth(LoopNest statistics, LoopNest nest)
        {
            bool contiguous = !statistics.Innermost.StatisticVaries
                && statistics.Dims.Take(statistics.Depth - 1).All(d => d.StatisticVaries);
            if (!contiguous)
            {
                return null;
            }

            for (int d = 0; d < nest.Depth; d++)
            {
                if (!nest.Dims[d].StatisticVaries)
                {
                    return d;
                }
            }

            return null;
        }

        /// <summary>
        /// The same loops with those along which statistics vary moved outermost (order otherwise kept), so a kernel
        /// can take one statistic's values — every run of them — together: NCHW BatchNorm (N)(C)(HW) becomes
        /// (C)(N)(HW). Strides are in elements and do not depend on the order. Only for nests whose innermost loop
        /// shares statistics (it stays innermost).
        /// </summary>
        public static LoopNest StatisticMajor(LoopNest nest) =>
            new LoopNest(nest.Dims.Where(d => d.StatisticVaries).Concat(nest.Dims.Where(d => !d.StatisticVaries)).ToEquatableArray());

        /// <summary>Elements per chunk of a run in the merged-run statistics (32 KB of float, 64 KB of double), so that the
        /// second pass reads from cache.</summary>
        public const int RunChunk = 8192;

        /// <summary>Whether the merged-run statistics take a run of <paramref name="length"/> values in chunks of
        /// <see cref="RunChunk"/>: when its length is per call, or fixed and longer than one chunk.</summary>
        public static bool ChunksRun(Extent length) => !length.IsConstant || length.Constant > RunChunk;

        /// <summary>Number of statistics in a view: the product of the extents of the axes it keeps.</summary>
        public static Extent StatisticCount(LayerConfiguration configuration, StatisticView view) =>
            Extent.Product(PrimitiveAxis.Of(configuration).Where(a => a.InStatistics(view)).Select(a => a.Extent));

        /// <summary>Number of values each batch statistic is computed from.</summary>
        public static Extent ValuesPerStatistic(LayerConfiguration configuration) =>
            Extent.Product(PrimitiveAxis.Of(configuration).Where(a => a.Reduced).Select(a => a.Extent));

        /// <summary>Number of weights (and biases): channels, or the product of the element-wise axes.</summary>
        public static Extent ParameterCount(LayerConfiguration configuration) =>
            configuration.Affine == AffineKind.None
                ? Extent.Of(0)
                : Extent.Product(PrimitiveAxis.Of(configuration).Where(a => a.InParameters).Select(a => a.Extent));

        /// <summary>Number of running statistics: one per channel, or per group.</summary>
        public static Extent RunningCount(LayerConfiguration configuration) =>
            configuration.HasGroups ? Extent.Of(configuration.Groups)
            : configuration.ChannelsAtConstruction ? Extent.Variable(Axis.C.ParameterName())
            : Extent.Of(configuration.Channels);

        /// <summary>Whether batch and running statistics are indexed differently (the batch axis is kept: instance style).</summary>
        public static bool RunningViewDiffers(LayerConfiguration configuration) =>
            configuration.TrackRunningStats && configuration.Contains(Axis.N) && !configuration.IsReduced(Axis.N);
    }
}
