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

        private DeclaredLayer(Type type, Type elementType, NormSpec spec, Dictionary<char, int> fixedExtents)
        {
            Type = type;
            ElementType = elementType;
            Spec = spec;
            FixedExtents = fixedExtents;
        }

        public Type Type { get; }

        /// <summary><see cref="float"/> or <see cref="double"/>.</summary>
        public Type ElementType { get; }

        public NormSpec Spec { get; }

        /// <summary>Extents fixed in the attribute (always including C).</summary>
        public IReadOnlyDictionary<char, int> FixedExtents { get; }

        public string Name => Type.FullName!;

        /// <summary>Every layer class declared in this assembly, by full name.</summary>
        public static IReadOnlyDictionary<string, DeclaredLayer> All { get; } = typeof(DeclaredLayer).Assembly.GetTypes()
            .Select(Read)
            .OfType<DeclaredLayer>()
            .ToDictionary(layer => layer.Name);

        public static DeclaredLayer Named(string name) => All[name];

        /// <summary>The full shape used for this layer: fixed extents where declared, the standard odd extents elsewhere.</summary>
        public int[] StandardShape() => ShapeWith(axis => StandardExtents[axis]);

        /// <summary>The full shape with <paramref name="perCallExtent"/> giving every extent not fixed in the attribute.</summary>
        public int[] ShapeWith(Func<char, int> perCallExtent) =>
            Spec.Layout.Select(axis => FixedExtents.TryGetValue(axis, out int extent) ? extent : perCallExtent(axis)).ToArray();

        public bool IsFixed(char axis) => FixedExtents.ContainsKey(axis);

        public object Create() => Activator.CreateInstance(Type)!;

        private static DeclaredLayer? Read(Type type)
        {
            var attribute = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Namespace == "NormGen" && a.AttributeType.Name.StartsWith("NormalizeAttribute", StringComparison.Ordinal));
            if (attribute is null)
            {
                return null;
            }

            var named = attribute.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
            T Get<T>(string name, T fallback) => named.TryGetValue(name, out var value) ? (T)value! : fallback;

            string layout = Get("Layout", "");
            string axes = Get("Axes", "");
            var fixedExtents = new Dictionary<char, int> { ['C'] = Get("Channels", 0) };
            foreach (var (axis, property) in new[] { ('N', "Batch"), ('L', "Length"), ('D', "Depth"), ('H', "Height"), ('W', "Width") })
            {
                int extent = Get(property, 0);
                if (extent > 0)
                {
                    fixedExtents[axis] = extent;
                }
            }

            var spec = new NormSpec(
                layout,
                axes,
                Get("Groups", 0),
                Get("Epsilon", 1e-5),
                Get("Momentum", 0.1),
                Get("CumulativeAverage", false),
                Get("Affine", true),
                named.ContainsKey("TrackRunningStats") ? Get("TrackRunningStats", false) : NormSpec.DefaultTrackRunningStats(layout, axes));
            var elementType = attribute.AttributeType.IsGenericType ? attribute.AttributeType.GetGenericArguments()[0] : typeof(float);
            return new DeclaredLayer(type, elementType, spec, fixedExtents);
        }
    }
}
