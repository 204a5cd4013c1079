using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Parsing
{
    /// <summary>Where an annotated class is declared, as plain values: the generated file's hint name, the namespace
    /// (null for the global one), the containing types outermost first, and the class itself. The one reader of
    /// declarations for layers, scalers and weight normalisations.</summary>
    internal sealed record TargetDeclaration(string HintName, string? Namespace, EquatableArray<TypeDeclaration> ContainingTypes, TypeDeclaration Type)
    {
        /// <summary>The declaration of <paramref name="type"/>, or null when the generator cannot add to it: it is not
        /// partial, static, or carries another NormGen attribute (the analyzers report each).</summary>
        /// <param name="type">The annotated class.</param>
        /// <param name="kind">The transform kind in the hint name (<c>Scaler</c>, <c>WeightNorm</c>); null for a layer.</param>
        public static TargetDeclaration? Read(INamedTypeSymbol type, string? kind)
        {
            if (TargetTypeReader.FindProblems(type).Count > 0 || TransformAttributes.FindConflict(type) is not null)
            {
                return null;
            }

            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            return new TargetDeclaration(
                HintNames.For(type, kind),
                ns,
                TargetTypeReader.ContainingTypes(type).Select(TargetTypeReader.Describe).ToEquatableArray(),
                TargetTypeReader.Describe(type));
        }

        /// <summary>Writes the file's shell (see <see cref="GeneratedFile"/>); disposing the result closes every brace.</summary>
        public IDisposable Open(IndentedWriter w, Names names, string summary, string baseList) =>
            GeneratedFile.Open(w, names, Namespace, ContainingTypes, Type, summary, baseList);
    }
}
