using System.Collections.Generic;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// Plans the loops over a weight viewed as <c>[Outer, Rows, Inner]</c>, where the "statistic" of an element is its row
    /// (its index along <c>Dim</c>). Extents of 1 drop out and neighbours with the same role merge, so Dim = 0 becomes
    /// (Rows)(Inner) with a register sum per row, and the last Dim becomes (Outer)(Rows) with the rows vectorised.
    /// </summary>
    internal static class WeightNormLoopPlanner
    {
        public static LoopNest Plan(WeightNormConfiguration configuration)
        {
            var axes = new List<(string Label, int Extent, bool IsRow)>();
            Add(axes, "outer", configuration.Outer, false);
            Add(axes, "rows", configuration.Rows, true);
            Add(axes, "inner", configuration.Inner, false);
            if (axes.Count == 0)
            {
                axes.Add(("rows", 1, true));
            }

            var dims = new List<LoopDim>();
            for (int i = 0; i < axes.Count; i++)
            {
                int inputStride = 1;
                for (int j = i + 1; j < axes.Count; j++)
                {
                    inputStride *= axes[j].Extent;
                }

                dims.Add(new LoopDim(axes[i].Label, Extent.Of(axes[i].Extent), Extent.Of(inputStride), axes[i].IsRow ? Extent.One : null, null));
            }

            return new LoopNest(dims.ToEquatableArray());
        }

        private static void Add(List<(string Label, int Extent, bool IsRow)> axes, string label, int extent, bool isRow)
        {
            if (extent == 1)
            {
                return;
            }

            if (axes.Count > 0 && axes[axes.Count - 1].IsRow == isRow)
            {
                var last = axes[axes.Count - 1];
                axes[axes.Count - 1] = ($"{last.Label} x {label}", last.Extent * extent, isRow);
                return;
            }

            axes.Add((label, extent, isRow));
        }
    }
}
