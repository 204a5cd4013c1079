using System.Threading;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Parsing;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>Turns a class annotated with <c>[WeightNormalize]</c> into a <see cref="WeightNormModel"/>, or null when
    /// the analyzers report an error for it (the generator then emits nothing for that class).</summary>
    internal static class WeightNormModelParser
    {
        public static WeightNormModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var declaration = TargetDeclaration.Read(type, "WeightNorm");
            if (declaration is null)
            {
                return null;
            }

            var result = WeightNormValidator.Validate(WeightNormalizeAttributeReader.Read(context.Attributes[0]));
            return result.Configuration is null ? null : new WeightNormModel(declaration, result.Configuration);
        }
    }
}
