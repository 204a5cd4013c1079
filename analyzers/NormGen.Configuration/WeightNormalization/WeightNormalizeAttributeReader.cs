using System.Linq;
using Microsoft.CodeAnalysis;

namespace NormGen.Configuration
{
    /// <summary>Reads a <c>[WeightNormalize]</c> or <c>[WeightNormalize&lt;T&gt;]</c> attribute into plain
    /// <see cref="WeightNormalizeOptions"/>.</summary>
    internal static class WeightNormalizeAttributeReader
    {
        public const string AttributeName = "WeightNormalizeAttribute";
        public const string MetadataName = "NormGen.WeightNormalizeAttribute";
        public const string GenericMetadataName = "NormGen.WeightNormalizeAttribute`1";

        public static bool IsWeightNormalizeAttribute(INamedTypeSymbol? attributeClass) =>
            TransformAttributes.Is(attributeClass, AttributeName);

        public static WeightNormalizeOptions Read(AttributeData attribute)
        {
            var options = new WeightNormalizeOptions { ElementType = TransformAttributes.ElementTypeOf(attribute.AttributeClass) };
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                if (value.Kind == TypedConstantKind.Error)
                {
                    continue;
                }

                options = argument.Key switch
                {
                    "Shape" when value.Kind == TypedConstantKind.Array && !value.IsNull =>
                        options with { Shape = value.Values.Select(v => v.Value is int extent ? extent : 0).ToEquatableArray() },
                    "Dim" when value.Value is int dim => options with { Dim = dim },
                    "Epsilon" when value.Value is double epsilon => options with { Epsilon = epsilon },
                    _ => options,
                };
            }

            return options;
        }
    }
}
