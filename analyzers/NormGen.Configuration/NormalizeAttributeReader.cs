using Microsoft.CodeAnalysis;

namespace NormGen.Configuration
{
    /// <summary>Reads the values of a <c>[Normalize]</c> or <c>[Normalize&lt;T&gt;]</c> attribute from Roslyn's
    /// <see cref="AttributeData"/> into plain <see cref="NormalizeOptions"/>.</summary>
    internal static class NormalizeAttributeReader
    {
        public const string MetadataName = "NormGen.NormalizeAttribute";
        public const string GenericMetadataName = "NormGen.NormalizeAttribute`1";

        public static NormalizeOptions Read(AttributeData attribute)
        {
            var options = new NormalizeOptions { ElementType = TransformAttributes.ElementTypeOf(attribute.AttributeClass) };
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                if (value.Kind == TypedConstantKind.Error || value.Value is null)
                {
                    continue;
                }

                options = argument.Key switch
                {
                    "Layout" => options with { Layout = value.Value as string ?? "" },
                    "Axes" => options with { Axes = value.Value as string ?? "" },
                    "Groups" => options with { Groups = (int)value.Value, GroupsSet = true },
                    "Channels" => options with { Channels = (int)value.Value },
                    "Batch" => options with { Batch = (int)value.Value },
                    "Length" => options with { Length = (int)value.Value },
                    "Depth" => options with { Depth = (int)value.Value },
                    "Height" => options with { Height = (int)value.Value },
                    "Width" => options with { Width = (int)value.Value },
                    "Epsilon" => options with { Epsilon = (double)value.Value, EpsilonSet = true },
                    "Momentum" => options with { Momentum = (double)value.Value, MomentumSet = true },
                    "CumulativeAverage" => options with { CumulativeAverage = (bool)value.Value },
                    "Affine" => options with { Affine = (bool)value.Value },
                    "Center" => options with { Center = (bool)value.Value },
                    "Activation" => options with { Activation = (int)value.Value },
                    "Residual" => options with { Residual = (int)value.Value },
                    "TrackRunningStats" => options with { TrackRunningStats = (bool)value.Value },
                    _ => options,
                };
            }

            return options;
        }
    }
}
