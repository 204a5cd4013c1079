using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Model;

namespace NormGen.Generator.Parsing
{
    /// <summary>Turns an annotated class into a <see cref="LayerModel"/>, or null when the analyzers report an
    /// error for it (the generator then emits nothing for that class).</summary>
    internal static class LayerModelParser
    {
        public static LayerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (TargetTypeReader.FindProblems(type).Count > 0 || TransformAttributes.FindConflict(type) is not null)
            {
                return null;
            }

            var result = ConfigurationValidator.Validate(NormalizeAttributeReader.Read(context.Attributes[0]));
            if (result.Configuration is null)
            {
                return null;
            }

            var containing = TargetTypeReader.ContainingTypes(type);
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            return new LayerModel(
                HintNames.For(type),
                ns,
                containing.Select(TargetTypeReader.Describe).ToEquatableArray(),
                TargetTypeReader.Describe(type),
                result.Configuration);
        }
    }
}
