using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>
    /// A checked input scaler: its kind, layout (every axis with its fixed extent, 0 = per call, and whether statistics
    /// are computed over it), element type and feature range. Every kept axis is fixed, so the number of statistics is
    /// a constant.
    /// </summary>
    internal sealed record ScalerConfiguration(
        ScalerKind Kind,
        string LayoutText,
        string AxesText,
        EquatableArray<LayoutAxis> Layout,
        ElementKind ElementType,
        double FeatureRangeMin,
        double FeatureRangeMax,
        bool Clip)
    {
        /// <summary>Number of statistics: the product of the extents of the kept axes.</summary>
        public int StatisticCount => Layout.Where(a => !a.Reduced).Aggregate(1, (p, a) => p * a.FixedExtent);

        /// <summary>The axes whose extents are given per call, in layout order (all of them reduced).</summary>
        public LayoutAxis[] PerCallAxes => Layout.Where(a => !a.IsFixed).ToArray();

        /// <summary>The same layout and axes as a layer configuration without parameters, groups or running statistics,
        /// so the scaler's kernels are planned by the same loop planner as the normalisation layers'.</summary>
        public LayerConfiguration AsLayerConfiguration() => new(
            LayoutText,
            AxesText,
            Layout,
            Layout.First(a => a.Axis == Axis.C).FixedExtent,
            0,
            ElementType,
            0d,
            0d,
            false,
            AffineKind.None,
            false);
    }
}
