using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// Where a channels-first BatchNorm-style layer (statistics per channel, over every other axis) hands a call to
    /// <c>NormGen.Runtime.ShortRunKernels</c>: when the values after C in each row (the product of the extents after C)
    /// are fewer than <see cref="VectorsPerRun"/> vectors' worth, as BatchNorm2d gets on (N, C, 1, 1) after a global
    /// pooling or on (N, C, 4, 4). Its own kernels take such a tensor one (row, channel) run at a time, and runs that
    /// short leave them mostly scalar code and loop overhead; the runtime kernels take each row's channels × inner
    /// values as one stretch.
    /// </summary>
    /// <param name="Rows">The axes before C: their extents' product is the count of rows.</param>
    /// <param name="Inner">The axes after C: their extents' product is the count of values per channel in a row, the
    /// run whose length a call tests against <see cref="VectorsPerRun"/> vectors.</param>
    internal sealed record ShortRunRoute(EquatableArray<LayoutAxis> Rows, EquatableArray<LayoutAxis> Inner)
    {
        /// <summary>Runs shorter than this many vectors go to the runtime kernels (where the crossing lies:
        /// docs/benchmarks.md, "The generator's thresholds").</summary>
        public const int VectorsPerRun = 3;

        /// <summary>Bytes of the widest vectors (512 bits): fixed runs at least <see cref="VectorsPerRun"/> of these long
        /// never route.</summary>
        public const int WidestVectorBytes = 64;

        /// <summary>The route of a layer, or null when its calls never take it.</summary>
        public static ShortRunRoute? Of(LayerConfiguration c, ElementTypes elements)
        {
            // The runtime's kernels centre: an RMSNorm over N keeps the layer's own kernels. They apply no activation
            // either, nor a residual after the affine: a layer with one keeps its own kernels, which fuse it (short runs are
            // slower there, never wrong). A residual before the norm is added before any kernel runs.
            bool batchNormStyle = c.Center && !c.HasActivation && c.Residual != ResidualKind.BeforeActivation && !c.HasGroups && !c.ChannelsReduced && c.Affine != AffineKind.Elementwise
                && c.Layout.All(a => a.Axis == Axis.C || a.Reduced);
            // Nor do they convert: a layer with Half tensors keeps its own kernels, which compute in float.
            if (!batchNormStyle || elements.Converts)
            {
                return null;
            }

            int channelIndex = c.Layout.ToList().FindIndex(a => a.Axis == Axis.C);
            var after = c.Layout.Skip(channelIndex + 1).ToArray();
            if (after.Length == 0)
            {
                return null;
            }

            int widestVector = WidestVectorBytes / (c.ElementType == ElementKind.Float ? sizeof(float) : sizeof(double));
            if (after.All(a => a.IsFixed) && after.Aggregate(1L, (product, a) => product * a.FixedExtent) >= VectorsPerRun * widestVector)
            {
                return null;
            }

            return new ShortRunRoute(c.Layout.Take(channelIndex).ToEquatableArray(), after.ToEquatableArray());
        }
    }
}
