using System.Linq;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;

namespace NormGen.Generator.Parsing
{
    /// <summary>
    /// The one rule for the names of generated files, for layers, scalers and weight normalisations alike: the namespace,
    /// then every type of the nesting chain with its type parameters in braces (<c>Network{TInput,TLabel}.Norm</c>), then
    /// for a transform its kind in parentheses (<c>PixelScaler(Scaler)</c>). Types that differ in nesting, arity or
    /// namespace get different names; braces and parentheses never occur in a type's name, so no type's name can
    /// imitate another's arity or kind. (Roslyn compares hint names ignoring case: two types whose full names differ
    /// only in case would still collide.)
    /// </summary>
    internal static class HintNames
    {
        public static string For(INamedTypeSymbol type, string? kind = null)
        {
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            var chain = TargetTypeReader.ContainingTypes(type).Concat(new[] { type })
                .Select(t => t.Arity == 0 ? t.Name : $"{t.Name}{{{string.Join(",", t.TypeParameters.Select(p => p.Name))}}}");
            return $"{(ns is null ? "" : $"{ns}.")}{string.Join(".", chain)}{(kind is null ? "" : $"({kind})")}.g.cs";
        }
    }
}
