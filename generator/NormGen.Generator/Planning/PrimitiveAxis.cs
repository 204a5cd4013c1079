using System.Collections.Generic;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// An axis as the kernels see it. With groups, C becomes two axes: G (kept: one statistic per group) and
    /// C/G (reduced: the channels of one group share it), both indexing the per-channel parameters.
    /// </summary>
    internal sealed record PrimitiveAxis(string Label, Axis Axis, Extent Extent, bool Reduced, bool InRunningStatistics, bool InParameters)
    {
        public static IReadOnlyList<PrimitiveAxis> Of(LayerConfiguration configuration)
        {
            var axes = new List<PrimitiveAxis>();
            foreach (var axis in configuration.Layout)
            {
                if (axis.Axis == Axis.C && configuration.HasGroups)
                {
                    bool perChannel = configuration.Affine == AffineKind.PerChannel;
                    axes.Add(new PrimitiveAxis("G", Axis.C, Extent.Of(configuration.Groups), false, true, perChannel));
                    var groupSize = configuration.ChannelsAtConstruction
                        ? Extent.Quotient(Axis.C.ParameterName(), configuration.Groups)
                        : Extent.Of(configuration.GroupSize);
                    axes.Add(new PrimitiveAxis("C/G", Axis.C, groupSize, true, false, perChannel));
                    continue;
                }

                var extent = axis.IsFixed ? Extent.Of(axis.FixedExtent) : Extent.Variable(axis.Axis.ParameterName());
                bool inParameters = configuration.Affine switch
                {
                    AffineKind.PerChannel => axis.Axis == Axis.C,
                    AffineKind.Elementwise => axis.Reduced && axis.Axis != Axis.N,
                    _ => false,
                };
                axes.Add(new PrimitiveAxis(
                    axis.Axis.Letter().ToString(),
                    axis.Axis,
                    extent,
                    axis.Reduced,
                    !axis.Reduced && axis.Axis != Axis.N,
                    inParameters));
            }

            return axes;
        }

        public bool InStatistics(StatisticView view) => view switch
        {
            StatisticView.Batch => !Reduced,
            StatisticView.Running => InRunningStatistics,
            _ => false,
        };
    }
}
