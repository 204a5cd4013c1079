using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>The element type a layer is declared with: its tensors' type (Half layers compute in float).</summary>
    internal enum ElementKind
    {
        Float,
        Double,
        Half,
    }

    /// <summary>The activation fused after the affine; the same values as the runtime's <c>NormActivation</c>.</summary>
    internal enum ActivationKind
    {
        None = 0,
        Relu = 1,
        Silu = 2,
        Gelu = 3,
        GeluTanh = 4,
    }

    /// <summary>Where a residual is added; the same values as the runtime's <c>NormResidual</c>.</summary>
    internal enum ResidualKind
    {
        None = 0,
        BeforeActivation = 1,
        BeforeNorm = 2,
    }

    /// <summary>How the learnable scale and shift are indexed.</summary>
    internal enum AffineKind
    {
        /// <summary>No learnable parameters.</summary>
        None,

        /// <summary>One γ and β per channel (BatchNorm, InstanceNorm, GroupNorm).</summary>
        PerChannel,

        /// <summary>One γ and β per element of the reduced non-batch axes (LayerNorm's <c>elementwise_affine</c>).</summary>
        Elementwise,
    }

    /// <summary>One axis of the layout: which it is, its extent when fixed in the attribute (0 = not fixed), whether
    /// statistics are reduced over it, and whether an extent not fixed is given to the constructor (the channel count,
    /// the extents of an element-wise affine) rather than to every call.</summary>
    internal sealed record LayoutAxis(Axis Axis, int FixedExtent, bool Reduced, bool AtConstruction = false)
    {
        public bool IsFixed => FixedExtent > 0;

        /// <summary>Given to every Forward and Backward.</summary>
        public bool IsPerCall => !IsFixed && !AtConstruction;
    }

    /// <summary>A checked, complete layer configuration: everything the generator needs and nothing from Roslyn.
    /// <see cref="Center"/> false is RMSNorm: the statistic is the mean square, the mean taken as 0.</summary>
    internal sealed record LayerConfiguration(
        string LayoutText,
        string AxesText,
        EquatableArray<LayoutAxis> Layout,
        int Channels,
        int Groups,
        ElementKind ElementType,
        double Epsilon,
        double Momentum,
        bool CumulativeAverage,
        AffineKind Affine,
        bool TrackRunningStats,
        bool Center = true,
        ActivationKind Activation = ActivationKind.None,
        ResidualKind Residual = ResidualKind.None)
    {
        /// <summary>A residual is added: after the affine (y = act(norm(x) + r)) or to the input (s = x + r, y = act(norm(s))).</summary>
        public bool HasResidual => Residual != ResidualKind.None;

        /// <summary>An activation follows the affine: y = act(z), z = xhat * weight + bias.</summary>
        public bool HasActivation => Activation != ActivationKind.None;

        /// <summary>The layer has a learnable bias: affine and centred (RMSNorm has a weight alone).</summary>
        public bool HasBias => Affine != AffineKind.None && Center;

        public bool HasGroups => Groups > 0;

        /// <summary>The channel count is given to the constructor (<see cref="Channels"/> is 0).</summary>
        public bool ChannelsAtConstruction => Channels == 0;

        /// <summary>Channels per group (all channels when there are no groups); 0 when the channel count is given to the constructor.</summary>
        public int GroupSize => HasGroups ? Channels / Groups : Channels;

        public bool ChannelsReduced => Layout.First(a => a.Axis == Axis.C).Reduced;

        public bool IsReduced(Axis axis) => Layout.Any(a => a.Axis == axis && a.Reduced);

        public bool Contains(Axis axis) => Layout.Any(a => a.Axis == axis);

        /// <summary>The axes whose extents are given per call, in layout order.</summary>
        public LayoutAxis[] PerCallAxes => Layout.Where(a => a.IsPerCall).ToArray();

        /// <summary>The axes whose extents are given to the constructor, in layout order.</summary>
        public LayoutAxis[] ConstructionAxes => Layout.Where(a => a.AtConstruction).ToArray();
    }
}
