using System;

namespace NormGen.Tests.Reference
{
    /// <summary>A densely packed row-major tensor described by a layout string and the extents in that order.</summary>
    public sealed class LayoutShape
    {
        public LayoutShape(string layout, int[] extents)
        {
            if (layout.Length != extents.Length)
            {
                throw new ArgumentException($"Layout {layout} has {layout.Length} axes but {extents.Length} extents were given.");
            }

            Layout = layout;
            Extents = extents;
            int count = 1;
            foreach (int extent in extents)
            {
                count *= extent;
            }

            Count = count;
        }

        public string Layout { get; }

        public int[] Extents { get; }

        /// <summary>Number of elements.</summary>
        public int Count { get; }

        public int Rank => Layout.Length;

        public int Extent(char axis)
        {
            int position = Layout.IndexOf(axis);
            return position < 0 ? 1 : Extents[position];
        }

        /// <summary>The index along every axis (layout order) of the element at <paramref name="flat"/>.</summary>
        public int[] MultiIndex(int flat)
        {
            var index = new int[Rank];
            for (int axis = Rank - 1; axis >= 0; axis--)
            {
                index[axis] = flat % Extents[axis];
                flat /= Extents[axis];
            }

            return index;
        }

        /// <summary>The index along <paramref name="axis"/> within a multi-index of this shape.</summary>
        public int IndexAlong(int[] multiIndex, char axis) => multiIndex[Layout.IndexOf(axis)];
    }
}
