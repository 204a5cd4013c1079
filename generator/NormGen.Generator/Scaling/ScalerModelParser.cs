using System.Threading;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Parsing;

namespace NormGen.Generator.Scaling
{
    /// <summary>Turns a class annotated with a scaler attribute into a <see cref="ScalerModel"/>, or null when the
    /// analyzers report an error for it (the generator then emits nothing for that class).</summary>
    internal static class ScalerModelParser
    {
        public static ScalerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var kind = ScalerAttributeReader.KindOf(context.Attributes[0].AttributeClass);
            var declaration = kind is null ? null : TargetDeclaration.Read(type, "Scaler");
            if (declaration is null)
            {
                return null;
            }

            var result = ScalerValidator.Validate(ScalerAttributeReader.Read(context.Attributes[0], kind!.Value));
            return result.Configuration is null ? null : new ScalerModel(declaration, result.Configuration);
        }
    }
}
