using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>
    /// A checked input scaler: its kind, layout (every axis with its fixed extent, whether statistics are computed over it
    /// and, for a kept axis not fixed, that the constructor takes it), element type and feature range. Reduced axes not
    /// fixed are given per call, so the number of statistics is known once the scaler is constructed.
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
        /// <summary>The axes whose extents are given per call, in layout order (all of them reduced).</summary>
        public LayoutAxis[] PerCallAxes => Layout.Where(a => a.IsPerCall).ToArray();

        /// <summary>The kept axes whose extents the constructor takes, in layout order.</summary>
        public LayoutAxis[] ConstructionAxes => Layout.Where(a => a.AtConstruction).ToArray();

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
