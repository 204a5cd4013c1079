using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>
    /// A checked weight normalisation: the weight's shape and the dimension that keeps one magnitude per index.
    /// The weight is viewed as <c>[Outer, Rows, Inner]</c>: <c>Outer</c> the product of the extents before
    /// <see cref="Dim"/>, <c>Rows</c> its extent, <c>Inner</c> the product after it. Row <c>k</c> (one norm, one
    /// magnitude) is every element whose index along <see cref="Dim"/> is <c>k</c>. <see cref="Dim"/> =
    /// <see cref="WholeWeight"/> (-1, as PyTorch) takes one norm over the whole weight: a single row.
    /// </summary>
    internal sealed record WeightNormConfiguration(
        EquatableArray<int> Shape,
        int Dim,
        ElementKind ElementType,
        double Epsilon)
    {
        /// <summary>PyTorch's <c>dim=-1</c>: one magnitude and one norm for the whole weight.</summary>
        public const int WholeWeight = -1;

        public int Rank => Shape.Count;

        public bool IsWholeWeight => Dim == WholeWeight;

        public int Outer => IsWholeWeight ? 1 : Shape.Take(Dim).Aggregate(1, (a, b) => a * b);

        public int Rows => IsWholeWeight ? 1 : Shape[Dim];

        public int Inner => IsWholeWeight ? Count : Shape.Skip(Dim + 1).Aggregate(1, (a, b) => a * b);

        /// <summary>Number of elements of the weight.</summary>
        public int Count => Shape.Aggregate(1, (a, b) => a * b);

        /// <summary>"[64, 3, 3, 3]".</summary>
        public string ShapeText => WeightNormValidator.Describe(Shape);
    }
}
