namespace NormGen.Configuration
{
    /// <summary>The values written in a <c>[WeightNormalize]</c> attribute, before any checking.</summary>
    internal sealed record WeightNormalizeOptions
    {
        /// <summary>The extents as written; empty when <c>Shape</c> is left out.</summary>
        public EquatableArray<int> Shape { get; init; }

        public int Dim { get; init; }

        public double Epsilon { get; init; }

        /// <summary>The element type's keyword (<c>float</c>, <c>double</c>) or display name when unsupported.</summary>
        public string ElementType { get; init; } = "float";
    }
}
