using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NormGen.Tests.Reference;

namespace NormGen.Tests.Harness
{
    /// <summary>
    /// A layer class of this assembly together with what its <c>[Normalize]</c> attribute declares, read from metadata
    /// (the project keeps the attribute with NORMGEN_KEEP_ATTRIBUTES), so each configuration is stated once.
    /// </summary>
    public sealed class DeclaredLayer
    {
        /// <summary>Extents used for axes given per call: none a multiple of 8 or 16, so vector loops always have tails.</summary>
        private static readonly Dictionary<char, int> StandardExtents = new() { ['N'] = 3, ['L'] = 11, ['D'] = 3, ['H'] = 7, ['W'] = 9 };

        /// <summary>The channel count given to the constructor of a layer whose attribute has none: a multiple of every
        /// group count the tests declare.</summary>
        public const int ConstructedChannels = 6;

        private DeclaredLayer(Type type, Type elementType, NormSpec spec, Dictionary<char, int> fixedExtents, char[] constructed)
        {
            Type = type;
            ElementType = elementType;
            Spec = spec;
            FixedExtents = fixedExtents;
            Constructed = constructed;
        }

        /// <summary>The axes whose extents the constructor takes, in layout order (their extents are in
        /// <see cref="FixedExtents"/>: the layer is built with them).</summary>
        public IReadOnlyList<char> Constructed { get; }

        public Type Type { get; }

        /// <summary><see cref="float"/>, <see cref="double"/> or <see cref="Half"/>.</summary>
        public Type ElementType { get; }

        public NormSpec Spec { get; }

        /// <summary>Extents fixed in the attribute or given to the constructor (always including C).</summary>
        public IReadOnlyDictionary<char, int> FixedExtents { get; }

        public string Name => Type.FullName!;

        /// <summary>Every float and double layer class declared in this assembly, by full name. (Half layers, whose
        /// tensors are 16-bit and parameters float, are checked against their float twins: <see cref="Halves"/>.)</summary>
        public static IReadOnlyDictionary<string, DeclaredLayer> All { get; } = Declared(half: false);

        /// <summary>Every <c>[Normalize&lt;Half&gt;]</c> layer class declared in this assembly, by full name.</summary>
        public static IReadOnlyDictionary<string, DeclaredLayer> Halves { get; } = Declared(half: true);

        private static Dictionary<string, DeclaredLayer> Declared(bool half) => typeof(DeclaredLayer).Assembly.GetTypes()
            .Select(Read)
            .OfType<DeclaredLayer>()
            .Where(layer => (layer.ElementType == typeof(Half)) == half)
            .ToDictionary(layer => layer.Name);

        public static DeclaredLayer Named(string name) => All[name];

        /// <summary>The full shape used for this layer: fixed extents where declared, the standard odd extents elsewhere.</summary>
        public int[] StandardShape() => ShapeWith(axis => StandardExtents[axis]);

        /// <summary>The full shape with <paramref name="perCallExtent"/> giving every extent not fixed in the attribute.</summary>
        public int[] ShapeWith(Func<char, int> perCallExtent) =>
            Spec.Layout.Select(axis => FixedExtents.TryGetValue(axis, out int extent) ? extent : perCallExtent(axis)).ToArray();

        public bool IsFixed(char axis) => FixedExtents.ContainsKey(axis);

        public object Create() => Activator.CreateInstance(Type, Constructed.Select(axis => (object)FixedExtents[axis]).ToArray())!;

        private static DeclaredLayer? Read(Type type)
        {
            var attribute = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Namespace == "NormGen" && a.AttributeType.Name.StartsWith("NormalizeAttribute", StringComparison.Ordinal));
            if (attribute is null)
            {
                return null;
            }

            var named = attribute.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
            T Get<T>(string name, T fallback) => named.TryGetValue(name, out var value) ? (T)value! : fallback;

            string axes = Get("Axes", "");
            string layout = Get("Layout", "") is { Length: > 0 } written ? written : ChannelsFirst(axes);
            var fixedExtents = new Dictionary<char, int>();
            foreach (var (axis, property) in new[] { ('N', "Batch"), ('C', "Channels"), ('L', "Length"), ('D', "Depth"), ('H', "Height"), ('W', "Width") })
            {
                int extent = Get(property, 0);
                if (extent > 0)
                {
                    fixedExtents[axis] = extent;
                }
            }

            // The constructor takes the channel count when the attribute has none, and the element-wise affine's extents.
            bool elementwise = Get("Affine", true) && axes.Contains('C');
            var constructed = layout.Where(axis => !fixedExtents.ContainsKey(axis) && (axis == 'C' || (elementwise && axis != 'N' && axes.Contains(axis)))).ToArray();
            foreach (char axis in constructed)
            {
                fixedExtents[axis] = axis == 'C' ? ConstructedChannels : StandardExtents[axis];
            }

            var elementType = attribute.AttributeType.IsGenericType ? attribute.AttributeType.GetGenericArguments()[0] : typeof(float);
            bool center = Get("Center", true);

            // RMSNorm's epsilon, when not written, is the machine epsilon of the type computed in (PyTorch's nn.RMSNorm, eps=None).
            double defaultEpsilon = center ? 1e-5 : elementType == typeof(double) ? Math.Pow(2, -52) : Math.Pow(2, -23);
            var spec = new NormSpec(
                layout,
                axes,
                Get("Groups", 0),
                Get("Epsilon", defaultEpsilon),
                Get("Momentum", 0.1),
                Get("CumulativeAverage", false),
                Get("Affine", true),
                named.ContainsKey("TrackRunningStats") ? Get("TrackRunningStats", false) : NormSpec.DefaultTrackRunningStats(layout, axes, center),
                center,
                (NormActivation)Get("Activation", 0),
                (NormResidual)Get("Residual", 0));
            return new DeclaredLayer(type, elementType, spec, fixedExtents, constructed);
        }

        /// <summary>PyTorch's order, as the attribute's Layout defaults to: N, C, then the spatial letters Axes names.</summary>
        private static string ChannelsFirst(string axes) => "NC" + string.Concat("DHWL".Where(axes.Contains));
    }
}
