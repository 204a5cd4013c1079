using Microsoft.CodeAnalysis;

namespace NormGen.Configuration
{
    /// <summary>Reads a <c>[MinMaxScaler]</c> or <c>[StandardScaler]</c> attribute (or its generic form) into plain
    /// <see cref="ScalerOptions"/>.</summary>
    internal static class ScalerAttributeReader
    {
        public const string MinMaxAttributeName = "MinMaxScalerAttribute";
        public const string StandardAttributeName = "StandardScalerAttribute";
        public const string MinMaxMetadataName = "NormGen.MinMaxScalerAttribute";
        public const string MinMaxGenericMetadataName = "NormGen.MinMaxScalerAttribute`1";
        public const string StandardMetadataName = "NormGen.StandardScalerAttribute";
        public const string StandardGenericMetadataName = "NormGen.StandardScalerAttribute`1";

        /// <summary>The scaler <paramref name="attributeClass"/> declares, or null when it is not a scaler attribute.</summary>
        public static ScalerKind? KindOf(INamedTypeSymbol? attributeClass) =>
            TransformAttributes.Is(attributeClass, MinMaxAttributeName) ? ScalerKind.MinMax
            : TransformAttributes.Is(attributeClass, StandardAttributeName) ? ScalerKind.Standard
            : null;

        public static ScalerOptions Read(AttributeData attribute, ScalerKind kind)
        {
            var options = new ScalerOptions { Kind = kind, ElementType = TransformAttributes.ElementTypeOf(attribute.AttributeClass) };
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                if (value.Kind == TypedConstantKind.Error || value.Value is null)
                {
                    continue;
                }

                options = (argument.Key, value.Value) switch
                {
                    ("Layout", string layout) => options with { Layout = layout },
                    ("Axes", string axes) => options with { Axes = axes },
                    ("Channels", int extent) => options with { Channels = extent },
                    ("Batch", int extent) => options with { Batch = extent },
                    ("Length", int extent) => options with { Length = extent },
                    ("Depth", int extent) => options with { Depth = extent },
                    ("Height", int extent) => options with { Height = extent },
                    ("Width", int extent) => options with { Width = extent },
                    ("FeatureRangeMin", double bound) => options with { FeatureRangeMin = bound },
                    ("FeatureRangeMax", double bound) => options with { FeatureRangeMax = bound },
                    ("Clip", bool clip) => options with { Clip = clip },
                    _ => options,
                };
            }

            return options;
        }
    }
}
