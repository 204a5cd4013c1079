using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>
    /// A checked weight normalisation: the weight's shape and the dimension that keeps one magnitude per index.
    /// The weight is viewed as <c>[Outer, Rows, Inner]</c>: <c>Outer</c> the product of the extents before
    /// <see cref="Dim"/>, <c>Rows</c> its extent, <c>Inner</c> the product after it. Row <c>k</c> (one norm, one
    /// magnitude) is every element whose index along <see cref="Dim"/> is <c>k</c>.
    /// </summary>
    internal sealed record WeightNormConfiguration(
        EquatableArray<int> Shape,
        int Dim,
        ElementKind ElementType,
        double Epsilon)
    {
        public int Rank => Shape.Count;

        public int Outer => Shape.Take(Dim).Aggregate(1, (a, b) => a * b);

        public int Rows => Shape[Dim];

        public int Inner => Shape.Skip(Dim + 1).Aggregate(1, (a, b) => a * b);

        /// <summary>Number of elements of the weight.</summary>
        public int Count => Outer * Rows * Inner;

        /// <summary>"[64, 3, 3, 3]".</summary>
        public string ShapeText => WeightNormValidator.Describe(Shape);
    }
}
