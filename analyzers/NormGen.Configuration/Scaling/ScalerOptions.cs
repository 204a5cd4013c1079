namespace NormGen.Configuration
{
    /// <summary>Which input scaler an attribute declares.</summary>
    internal enum ScalerKind
    {
        /// <summary><c>[MinMaxScaler]</c>: x' = (x - min) / (max - min) · (b - a) + a.</summary>
        MinMax,

        /// <summary><c>[StandardScaler]</c>: x' = (x - mean) / std.</summary>
        Standard,
    }

    /// <summary>The values written in a <c>[MinMaxScaler]</c> or <c>[StandardScaler]</c> attribute, before any checking.</summary>
    internal sealed record ScalerOptions
    {
        public ScalerKind Kind { get; init; }

        public string Layout { get; init; } = "";

        public string Axes { get; init; } = "";

        public int Channels { get; init; }

        public int Batch { get; init; }

        public int Length { get; init; }

        public int Depth { get; init; }

        public int Height { get; init; }

        public int Width { get; init; }

        public double FeatureRangeMin { get; init; }

        public double FeatureRangeMax { get; init; } = 1;

        public bool Clip { get; init; }

        /// <summary>The element type's keyword (<c>float</c>, <c>double</c>) or display name when unsupported.</summary>
        public string ElementType { get; init; } = "float";

        /// <summary>"[MinMaxScaler]" or "[StandardScaler]", for messages.</summary>
        public string AttributeDisplayName => Kind == ScalerKind.MinMax ? "[MinMaxScaler]" : "[StandardScaler]";

        /// <summary>The fixed extent of <paramref name="axis"/> as written (0 = per call).</summary>
        public int FixedExtent(Axis axis) => axis switch
        {
            Axis.N => Batch,
            Axis.C => Channels,
            Axis.D => Depth,
            Axis.H => Height,
            Axis.W => Width,
            _ => Length,
        };
    }
}
