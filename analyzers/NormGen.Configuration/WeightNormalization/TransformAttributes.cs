using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NormGen.Configuration
{
    /// <summary>What the weight normalisation and scaler attribute readers share: recognising NormGen's attributes,
    /// the element type of a generic form, and the check that a class carries at most one of them.</summary>
    internal static class TransformAttributes
    {
        /// <summary>The names of every attribute that makes the generator complete a class.</summary>
        private static readonly string[] NormGenAttributeNames =
        {
            "NormalizeAttribute",
            "WeightNormalizeAttribute",
            "MinMaxScalerAttribute",
            "StandardScalerAttribute",
        };

        /// <summary>Whether <paramref name="attributeClass"/> is <c>NormGen.{name}</c> or its generic form.</summary>
        public static bool Is(INamedTypeSymbol? attributeClass, string name)
        {
            if (attributeClass is null)
            {
                return false;
            }

            var definition = attributeClass.OriginalDefinition;
            return definition.ContainingNamespace is { Name: "NormGen", ContainingNamespace.IsGlobalNamespace: true }
                && definition.Name == name
                && definition.Arity <= 1;
        }

        /// <summary>How <see cref="ElementTypeOf"/> names <c>System.Half</c> (a user's own type named Half is displayed
        /// with its namespace, so it never reads the same).</summary>
        public const string HalfKeyword = "System.Half";

        /// <summary>The element type's keyword: <c>float</c> for the non-generic form, <c>float</c>, <c>double</c> or
        /// <see cref="HalfKeyword"/> for the generic one, else the type argument's display name (which the validators reject).</summary>
        public static string ElementTypeOf(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is not { IsGenericType: true } || attributeClass.TypeArguments.Length != 1)
            {
                return "float";
            }

            var type = attributeClass.TypeArguments[0];
            return type.SpecialType switch
            {
                SpecialType.System_Single => "float",
                SpecialType.System_Double => "double",
                _ when type.Name == "Half" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } => HalfKeyword,
                _ => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            };
        }

        /// <summary>NG0027 when <paramref name="type"/> carries more than one NormGen attribute: their members would
        /// collide, so the generator completes none of them.</summary>
        public static ConfigurationProblem? FindConflict(INamedTypeSymbol type)
        {
            var names = new List<string>();
            foreach (var attribute in type.GetAttributes())
            {
                var match = NormGenAttributeNames.FirstOrDefault(n => Is(attribute.AttributeClass, n));
                if (match is not null)
                {
                    names.Add("[" + match.Substring(0, match.Length - "Attribute".Length) + "]");
                }
            }

            return names.Count > 1
                ? Rules.MultipleAttributes.Problem("", ("type", type.Name), ("attributes", string.Join(", ", names)))
                : null;
        }
    }
}
