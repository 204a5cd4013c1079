namespace NormGen.Configuration
{
    /// <summary>
    /// The values written in a <c>[Normalize]</c> attribute, before any checking. A property left out of the
    /// attribute keeps the attribute's default; the <c>...Set</c> flags record which ones the user wrote,
    /// because some defaults depend on the rest of the configuration.
    /// </summary>
    internal sealed record NormalizeOptions
    {
        public string Layout { get; init; } = "";

        public string Axes { get; init; } = "";

        public int Groups { get; init; }

        public bool GroupsSet { get; init; }

        public int Channels { get; init; }

        public int Batch { get; init; }

        public int Length { get; init; }

        public int Depth { get; init; }

        public int Height { get; init; }

        public int Width { get; init; }

        public double Epsilon { get; init; } = 1e-5;

        public bool EpsilonSet { get; init; }

        public double Momentum { get; init; } = 0.1;

        public bool MomentumSet { get; init; }

        public bool CumulativeAverage { get; init; }

        public bool Affine { get; init; } = true;

        /// <summary>False for RMSNorm: the mean is not subtracted, the statistic is the mean square.</summary>
        public bool Center { get; init; } = true;

        /// <summary>The activation's value as written (<c>NormActivation</c>: 0 none, 1 ReLU, 2 SiLU, 3 GELU, 4 GELU tanh).</summary>
        public int Activation { get; init; }

        /// <summary>The residual's value as written (<c>NormResidual</c>: 0 none, 1 before the activation, 2 before the norm).</summary>
        public int Residual { get; init; }

        /// <summary>The user's choice, or null when left to the default.</summary>
        public bool? TrackRunningStats { get; init; }

        /// <summary>The element type's keyword (<c>float</c>, <c>double</c>) or display name when unsupported.</summary>
        public string ElementType { get; init; } = "float";

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
